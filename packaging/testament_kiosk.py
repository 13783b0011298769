"""PyInstaller's entry script for both installed executables; the logic lives in kiosk.launcher."""

import sys

from kiosk.launcher import main

if __name__ == "__main__":
    sys.exit(main())
