"""The installed executables' entry point (``testament-kiosk``, ``testament-kiosk-debug``).

An installed kiosk is started with no arguments by its service or autostart entry, so the frozen executable
runs the exhibit unless told otherwise; everything ``kiosk`` offers is still there::

    testament-kiosk                      the exhibit, fullscreen (= kiosk run)
    testament-kiosk --windowed 1280x720  options of 'run' may be given directly
    testament-kiosk --self-test          = kiosk self-test (see kiosk.tools.selftest)
    testament-kiosk --version            app, Qt and content versions
    testament-kiosk validate /srv/content   any other kiosk command

``testament-kiosk-debug`` is the same program built with a console: it logs at DEBUG level unless
``KIOSK_LOG_LEVEL`` says otherwise.
"""

from __future__ import annotations

import os
import sys

PASS_THROUGH = {"-h", "--help", "--version"}


def frozen_argv(argv: list[str]) -> list[str]:
    """The ``kiosk`` command line meant by an installed executable's arguments."""
    if not argv:
        return ["run"]
    first = argv[0]
    if first == "--self-test":
        return ["self-test", *argv[1:]]
    if first in PASS_THROUGH or not first.startswith("-"):
        return argv
    return ["run", *argv]


def main() -> int:
    from kiosk import paths

    if sys.stdout is None or sys.stderr is None:
        # A windowed Windows build has no console streams; print() copes, but argparse and logging do not.
        devnull = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (lives as long as the process)
        sys.stdout = sys.stdout or devnull
        sys.stderr = sys.stderr or devnull
    if paths.is_debug_build():
        os.environ.setdefault("KIOSK_LOG_LEVEL", "DEBUG")
    try:
        from kiosk.cli import main as cli_main

        return cli_main(frozen_argv(sys.argv[1:]))
    except Exception:
        # The windowed build shows no traceback to anyone (disable_windowed_traceback in the spec): it goes to
        # the log, set up here if the crash came before the app set it up; the service manager restarts us.
        import logging

        from kiosk.core.ops.logs import log_uncaught, setup_logging

        if not logging.getLogger().handlers:
            setup_logging(paths.user_log_dir(), native_crashes=False)
        log_uncaught(*sys.exc_info())  # type: ignore[arg-type]
        return EXIT_CRASHED


EXIT_CRASHED = 70  # EX_SOFTWARE: systemd's Restart=always and the Windows wrapper start the kiosk again
