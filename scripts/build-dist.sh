#!/usr/bin/env bash
# Build the installed kiosk: dist/testament-kiosk/ (PyInstaller onedir, packaging/kiosk.spec). `make dist` runs
# this after scripts/setup.sh (system libraries, .venv, generated media).
#
# The build runs in its own virtualenv, .venv-build, holding only the runtime dependencies and PyInstaller,
# with the project installed as a wheel (not editable): PyInstaller bundles whatever the environment offers,
# and the development .venv also holds pytest, hypothesis, ruff... The environment is made anew whenever
# pyproject.toml changes, so a dependency dropped there is dropped from the build too; otherwise only the
# project itself is reinstalled (a few seconds).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

venv=.venv-build
stamp="$venv/.build-stamp"
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
started=$SECONDS

if [[ ! -x $venv/bin/python || ! -f $stamp || $(<"$stamp") != "$want" ]]; then
    echo "build: creating $venv (runtime dependencies + PyInstaller)"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check '.[build]'
    echo "$want" >"$stamp"
else
    "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps --force-reinstall .
fi
# pip builds the wheel in the source tree (setuptools' build/lib, build/bdist.*): not PyInstaller's business.
rm -rf build/lib build/bdist.*

"$venv/bin/pyinstaller" packaging/kiosk.spec --noconfirm --distpath dist --workpath build --log-level WARN

echo "build: dist/testament-kiosk in $((SECONDS - started)) s, $(du -sh dist/testament-kiosk | cut -f1)" \
     "(media $(du -sh dist/testament-kiosk/_internal/media | cut -f1))"
