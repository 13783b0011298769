"""Qt adapters: expose the pure-Python core to QML as registered types, list models and image providers.

Importing PySide6 replaces Python's ``import`` statement with its own, which after every import from then on reads
the imported module's source, to see whether it says "PySide6", for its opt-in ``from __feature__ import ...``
switches (snake_case names, true properties). The kiosk uses none of them, and on the way to its first frame that
was ~150 source files read for nothing, ~20 ms of a ~0.33 s start (docs/performance.md). Every module of this
package imports PySide6 after this file has run, which puts Python's own import back.
"""

import builtins

import PySide6.QtCore  # noqa: F401  (installs PySide6's import; the next line takes it out again)

builtins.__import__ = getattr(builtins, "__orig_import__", builtins.__import__)
