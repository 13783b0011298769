"""Benchmarks and soak tests of the running kiosk: ``kiosk bench`` and ``kiosk soak`` (docs/performance.md).

Nothing in the exhibit imports this package: the start-up hook the benchmark times
(``KIOSK_EXIT_AFTER_FIRST_FRAME=1``) is :mod:`kiosk.qt.firstframe`, installed with the service
(:mod:`kiosk.qt.service`).
"""
