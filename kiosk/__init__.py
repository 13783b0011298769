"""Testament Kiosk: a touchscreen exhibit on Lenin's suppressed Testament."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("testament-kiosk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
