"""Testament Kiosk: a touchscreen exhibit on Lenin's suppressed Testament."""

# pyproject.toml's [project] version, written here rather than read from the installed metadata, which cost every
# start ~25 ms (importlib.metadata); tests/test_version.py holds the two equal.
__version__ = "0.1.0"
