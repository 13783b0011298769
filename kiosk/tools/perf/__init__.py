"""Benchmarks and soak tests of the running kiosk: ``kiosk bench`` and ``kiosk soak`` (docs/performance.md).

Nothing in the exhibit imports this package except the one start-up hook in :func:`kiosk.app.run`
(``KIOSK_EXIT_AFTER_FIRST_FRAME=1``, see :mod:`kiosk.qt.firstframe`).
"""
