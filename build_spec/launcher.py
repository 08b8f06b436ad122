"""Entry script for the packaged app (PyInstaller)."""

import sys

from plan_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
