"""Entry script for the packaged app (PyInstaller)."""

from plan_desktop.cli.process_exit import run

if __name__ == "__main__":
    run()
