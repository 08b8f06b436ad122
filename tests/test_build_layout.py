"""The packaged folder's layout (build_spec/app_layout.py): two executables, icon, version resource, strip."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "build_spec" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


layout = _load("app_layout")


def test_a_windowed_and_a_console_executable_share_the_folder():
    assert dict(layout.EXECUTABLES) == {"plan-desktop": False, "plan-desktop-cli": True}
    assert layout.executable_name("plan-desktop-cli", "win32") == "plan-desktop-cli.exe"
    assert layout.executable_name("plan-desktop-cli", "linux") == "plan-desktop-cli"


def test_the_spec_builds_every_executable_of_the_layout_into_one_folder():
    spec = (ROOT / "build_spec" / "plan_desktop.spec").read_text(encoding="utf-8")
    assert "for name, console in app_layout.EXECUTABLES" in spec and "console=console" in spec
    assert "COLLECT(*executables" in spec
    assert "strip=app_layout.strip_binaries()" in spec and "strip=True" not in spec
    assert "icon=app_layout.icon()" in spec and "version=_version(name)" in spec


@pytest.mark.parametrize("platform, strip", [("linux", True), ("win32", False), ("darwin", False)])
def test_strip_runs_only_where_it_is_safe(platform, strip):
    assert layout.strip_binaries(platform) is strip


def test_the_icon_is_an_ico_with_every_windows_size_and_a_png():
    ico = layout.icon("win32")
    assert ico.endswith(".ico")
    sizes = Image.open(ico).info["sizes"]
    assert {(n, n) for n in (16, 24, 32, 48, 256)} <= sizes
    png = Image.open(layout.icon("darwin"))
    assert png.size == (256, 256) and png.mode == "RGBA"
    assert layout.icon("linux") is None
    assert Path(ico).stat().st_size < 64_000


def test_the_version_resource_names_the_app_its_version_and_publisher_in_japanese():
    from plan_desktop import DISPLAY_NAME, PUBLISHER, __version__

    strings = layout.version_strings(__version__, "plan-desktop", display_name=DISPLAY_NAME, publisher=PUBLISHER)
    assert strings["FileDescription"] == "行動計画 進捗管理"
    assert strings["ProductName"].startswith("行動計画 進捗管理") and "開発チーム" in strings["CompanyName"]
    assert strings["FileVersion"] == strings["ProductVersion"] == __version__
    assert strings["OriginalFilename"] == "plan-desktop.exe"
    cli = layout.version_strings(__version__, "plan-desktop-cli", display_name=DISPLAY_NAME, publisher=PUBLISHER)
    assert cli["FileDescription"] == "行動計画 進捗管理（コマンドライン）" and cli["OriginalFilename"] == "plan-desktop-cli.exe"
    assert layout.version_tuple("0.1.0") == (0, 1, 0, 0) and layout.version_tuple("2.10.3.7") == (2, 10, 3, 7)
    assert f"{layout.LANG_JA:04X}{layout.CODEPAGE_UNICODE:04X}" == "041104B0"


def test_windows_only_build_dependencies_are_pinned_with_markers():
    lines = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    for name in ("pefile", "pywin32-ctypes", "colorama"):
        pinned = [line for line in lines if line.startswith(name + "==")]
        assert len(pinned) == 1 and pinned[0].endswith('; sys_platform == "win32"'), name


def test_the_window_carries_the_icon(qapp):
    from plan_desktop.app import application_icon

    icon = application_icon()
    assert not icon.isNull() and icon.availableSizes()
