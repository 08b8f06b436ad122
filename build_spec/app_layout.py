"""What the packaged folder holds besides the code: two executables, their icon and version resource.

Read by plan_desktop.spec (PyInstaller) and build.py; pure data and small
functions of the target platform, so tests check them on any OS.

* ``plan-desktop`` (windowed on Windows: no console window behind the app) and
  ``plan-desktop-cli`` (a console executable: ``plan-desktop-cli print ...``,
  ``check``, ``--selftest`` print to cmd and exit with a code) share one folder
  and one ``_internal/``.
* ``strip`` only on Linux: on Windows it would run (MSYS/Git's GNU) strip over
  signed DLLs, on macOS it breaks the libraries' code signatures.
* Windows file properties (version resource): Japanese name, version, publisher.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUI_NAME = "plan-desktop"
CLI_NAME = "plan-desktop-cli"
EXECUTABLES = ((GUI_NAME, False), (CLI_NAME, True))  # (name, console)
ICON_DIR = ROOT / "resources" / "icons"
# Japanese, Unicode (the string table's language and code page)
LANG_JA, CODEPAGE_UNICODE = 0x0411, 1200


def executable_name(name: str, platform: str = sys.platform) -> str:
    return name + ".exe" if platform == "win32" else name


def strip_binaries(platform: str = sys.platform) -> bool:
    return platform.startswith("linux")


def icon(platform: str = sys.platform) -> str | None:
    """The icon PyInstaller embeds: .ico on Windows, .png (converted by Pillow) on macOS, none on Linux."""
    if platform == "win32":
        return str(ICON_DIR / "plan-desktop.ico")
    if platform == "darwin":
        return str(ICON_DIR / "plan-desktop.png")
    return None


def version_tuple(version: str) -> tuple[int, int, int, int]:
    numbers = [int(n) for n in re.findall(r"\d+", version)[:4]]
    return tuple(numbers + [0] * (4 - len(numbers)))  # type: ignore[return-value]


def version_strings(version: str, name: str, *, display_name: str, publisher: str) -> dict[str, str]:
    """What Windows shows under Properties > Details for executable *name*."""
    console = name == CLI_NAME
    return {
        "CompanyName": publisher,
        "FileDescription": display_name + ("（コマンドライン）" if console else ""),
        "FileVersion": version,
        "InternalName": name,
        "LegalCopyright": f"© {publisher}（MIT ライセンス）",
        "OriginalFilename": executable_name(name, "win32"),
        "ProductName": f"{display_name}（plan_desktop）",
        "ProductVersion": version,
    }


def version_resource(version: str, name: str, *, display_name: str, publisher: str):
    """A PyInstaller ``VSVersionInfo`` (Windows builds only: PyInstaller's module needs pefile)."""
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    numbers = version_tuple(version)
    strings = version_strings(version, name, display_name=display_name, publisher=publisher)
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            StringFileInfo([StringTable(f"{LANG_JA:04X}{CODEPAGE_UNICODE:04X}",
                                        [StringStruct(k, v) for k, v in strings.items()])]),
            VarFileInfo([VarStruct("Translation", [LANG_JA, CODEPAGE_UNICODE])]),
        ],
    )
