"""Pure-Python core: content model, loading and validation, navigation and idle state, media, analytics.

Nothing in this package imports Qt (enforced by the import-linter contract in pyproject.toml and by
tests/core/test_layers.py), so it can be tested and reused without a display.
"""
