"""bootstrap.py: one environment for every command, and Qt's X11 plugin checked before the app starts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bootstrap():
    spec = importlib.util.spec_from_file_location("bootstrap_under_test", ROOT / "bootstrap.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------------ install stamp
def _switch(bootstrap, commands: list[str], sources: str = "v1") -> list[set[str] | None]:
    """Run the stamp logic for a sequence of commands; what each one would install."""
    stamp, installs = None, []
    for command in commands:
        extras = bootstrap.extras_to_install(stamp, sources, bootstrap.EXTRAS[command])
        installs.append(extras)
        if extras is not None:
            stamp = bootstrap.write_stamp(sources, extras)
    return installs


def test_a_fresh_environment_installs_once(bootstrap):
    assert _switch(bootstrap, ["test", "test", "run"]) == [{"test"}, None, None]


def test_switching_between_build_run_and_test_never_reinstalls(bootstrap):
    installs = _switch(bootstrap, ["build", "run", "test", "build", "run"])
    assert installs == [{"test", "build"}, None, None, None, None]


def test_build_after_run_only_adds_the_build_extras_and_keeps_them(bootstrap):
    installs = _switch(bootstrap, ["run", "build", "run", "build", "test"])
    assert installs == [{"test"}, {"test", "build"}, None, None, None]


def test_changed_requirements_reinstall_everything_installed_before(bootstrap):
    stamp = bootstrap.write_stamp("v1", {"test", "build"})
    assert bootstrap.extras_to_install(stamp, "v2", {"test"}) == {"test", "build"}
    assert bootstrap.extras_to_install(stamp, "v1", {"test"}) is None


@pytest.mark.parametrize("old", [None, "", "not json", "3f2a9c", '{"sources": "v1"}', "[]"])
def test_a_missing_or_old_style_stamp_installs_once_more(bootstrap, old):
    assert bootstrap.extras_to_install(old, "v1", {"test"}) == {"test"}


def test_the_stamp_does_not_depend_on_the_extras(bootstrap):
    """What identifies the environment is the requirements; the extras are listed beside it."""
    a = bootstrap.read_stamp(bootstrap.write_stamp("v1", {"test"}))
    b = bootstrap.read_stamp(bootstrap.write_stamp("v1", {"test", "build"}))
    assert a[0] == b[0] == "v1" and a[1] == {"test"} and b[1] == {"test", "build"}


def test_every_command_uses_the_test_extras_so_run_and_test_share_one_environment(bootstrap):
    assert all("test" in extras for extras in bootstrap.EXTRAS.values())


def test_lint_uses_the_test_environment(bootstrap):
    assert _switch(bootstrap, ["test", "lint", "run", "test", "lint"]) == [{"test"}, None, None, None, None]


def test_every_command_asks_only_for_extras_pyproject_declares(bootstrap):
    declared = bootstrap.declared_extras()
    assert all(extras <= declared for extras in bootstrap.EXTRAS.values()), declared


def test_lint_runs_ruff_and_mypy(bootstrap):
    assert [cmd[1:3] for cmd in bootstrap.lint_commands(Path("py"))] == [["-m", "ruff"], ["-m", "mypy"]]


def test_test_command_turns_on_encoding_warnings(bootstrap):
    cmd = bootstrap.test_command(Path("py"), ["-q"])
    assert cmd[1:4] == ["-X", "warn_default_encoding", "-m"] and cmd[-1] == "-q"


def test_test_command_runs_on_every_core_unless_told_otherwise(bootstrap):
    assert bootstrap.test_command(Path("py"), ["-q"])[5:] == ["-n", "auto", "-q"]
    for chosen in (["-n", "0"], ["-n2"], ["--numprocesses=1"], ["-p", "no:xdist"]):
        cmd = bootstrap.test_command(Path("py"), chosen)
        assert cmd[5:] == chosen, chosen


# ---------------------------------------------------------- Qt's X11 plugin
LDD_FRESH_DEBIAN = """\
\tlinux-vdso.so.1 (0x00007ffd0b5f2000)
\tlibQt6XcbQpa.so.6 => /x/.venv/lib/python3.11/site-packages/PySide6/Qt/plugins/platforms/../../lib/libQt6XcbQpa.so.6 (0x1)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibGL.so.1 => /lib/x86_64-linux-gnu/libGL.so.1 (0x00007f7315b79000)
\tlibxcb-icccm.so.4 => not found
\tlibxkbcommon-x11.so.0 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f7314e00000)
\t/lib64/ld-linux-x86-64.so.2 (0x00007f7316867000)
"""


def test_missing_libraries_are_read_from_ldd_once_each(bootstrap):
    assert bootstrap.missing_libraries(LDD_FRESH_DEBIAN) == [
        "libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxkbcommon-x11.so.0"]


def test_nothing_is_missing_when_ldd_finds_everything(bootstrap):
    found = "\n".join(line for line in LDD_FRESH_DEBIAN.splitlines() if "not found" not in line)
    assert bootstrap.missing_libraries(found) == []
    assert bootstrap.missing_libraries("") == []


@pytest.mark.parametrize(("soname", "package"), [
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-xkb.so.1", "libxcb-xkb1"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-shape.so.0", "libxcb-shape0"),
    ("libxcb-randr.so.0", "libxcb-randr0"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libglib-2.0.so.0", "libglib2.0-0"),
    ("libdbus-1.so.3", "libdbus-1-3"),
    ("libEGL.so.1", "libegl1"),
])
def test_libraries_map_to_their_debian_packages(bootstrap, soname, package):
    assert bootstrap.debian_package(soname) == package


@pytest.mark.parametrize(("soname", "package"), [
    ("libxcb-present.so.0", "libxcb-present0"),   # not in the table: Debian's naming rule
    ("libwayland-client.so.0", "libwayland-client0"),
    ("libfoo2.so.1", "libfoo2-1"),                # name ending in a digit: hyphen before the version
    ("libbar.so", "libbar"),
])
def test_unlisted_libraries_follow_debian_naming(bootstrap, soname, package):
    assert bootstrap.debian_package(soname) == package


def test_packages_are_listed_once_in_a_stable_order(bootstrap):
    assert bootstrap.debian_packages(["libxcb-keysyms.so.1", "libxcb-icccm.so.4", "libgthread-2.0.so.0",
                                      "libglib-2.0.so.0"]) == ["libglib2.0-0", "libxcb-icccm4", "libxcb-keysyms1"]


@pytest.mark.parametrize(("env", "expected"), [
    ({"DISPLAY": ":0"}, True),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, True),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, False),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen:configfile=/x.json"}, False),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "minimal"}, False),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland"}, False),
    ({}, False),                                                 # no display: Qt says so itself
    ({"QT_QPA_PLATFORM": "xcb"}, False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, False),
    ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"}, False),
    ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"}, True),
])
def test_the_check_applies_only_where_qt_will_use_xcb(bootstrap, env, expected):
    assert bootstrap.uses_xcb(env) is expected


def test_the_message_gives_the_exact_command_in_japanese_and_english(bootstrap):
    text = bootstrap.missing_message(["libxcb-icccm.so.4", "libxcb-keysyms.so.1"],
                                     ["libxcb-icccm4", "libxcb-keysyms1"], apt=True)
    assert "sudo apt-get install -y --no-install-recommends libxcb-icccm4 libxcb-keysyms1" in text
    assert "足りません" in text and "missing" in text and "libxcb-icccm.so.4" in text


def test_without_apt_the_message_names_the_libraries(bootstrap):
    text = bootstrap.missing_message(["libxcb-icccm.so.4"], ["libxcb-icccm4"], apt=False)
    assert "apt-get" not in text and "libxcb-icccm.so.4" in text and "package manager" in text


def test_root_installs_without_sudo(bootstrap):
    assert bootstrap.install_command(["a"], as_root=True)[0] == "apt-get"
    assert bootstrap.install_command(["a"], as_root=False)[:2] == ["sudo", "apt-get"]


def _checked(bootstrap, monkeypatch, *, root: bool, ldd: list[list[str]], apt: bool = True):
    """check_qt_platform with the system around it replaced; returns (exit code, commands run)."""
    monkeypatch.setattr(bootstrap.sys, "platform", "linux")
    monkeypatch.setattr(bootstrap.shutil, "which", lambda name: f"/usr/bin/{name}" if apt or name != "apt-get" else None)
    monkeypatch.setattr(bootstrap, "xcb_plugin", lambda py: Path("/x/libqxcb.so"))
    answers = iter(ldd)
    monkeypatch.setattr(bootstrap, "ldd_missing", lambda plugin: next(answers))
    monkeypatch.setattr(bootstrap.os, "geteuid", lambda: 0 if root else 1000, raising=False)
    ran: list[list[str]] = []
    monkeypatch.setattr(bootstrap.subprocess, "call", lambda cmd, **kw: ran.append(cmd) or 0)
    code = bootstrap.check_qt_platform(Path("py"), {"DISPLAY": ":0"})
    return code, ran


def test_as_root_with_apt_the_missing_packages_are_installed(bootstrap, monkeypatch):
    code, ran = _checked(bootstrap, monkeypatch, root=True, ldd=[["libxcb-icccm.so.4", "libxcb-keysyms.so.1"], []])
    assert code == 0
    assert ran == [["apt-get", "install", "-y", "--no-install-recommends", "libxcb-icccm4", "libxcb-keysyms1"]]


def test_a_user_gets_the_command_and_a_non_zero_exit(bootstrap, monkeypatch, capsys):
    code, ran = _checked(bootstrap, monkeypatch, root=False, ldd=[["libxcb-icccm.so.4"]])
    assert code == 1 and ran == []
    assert "sudo apt-get install -y --no-install-recommends libxcb-icccm4" in capsys.readouterr().err


def test_nothing_happens_when_nothing_is_missing(bootstrap, monkeypatch):
    assert _checked(bootstrap, monkeypatch, root=True, ldd=[[]]) == (0, [])


def test_a_failed_install_still_ends_with_the_message(bootstrap, monkeypatch, capsys):
    code, ran = _checked(bootstrap, monkeypatch, root=True, ldd=[["libxcb-icccm.so.4"], ["libxcb-icccm.so.4"]])
    assert code == 1 and ran[0][0] == "apt-get"
    assert "libxcb-icccm4" in capsys.readouterr().err


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd and the xcb plugin are Linux things")
def test_the_real_plugin_is_found_and_ldd_output_parses(bootstrap):
    plugin = bootstrap.xcb_plugin(Path(sys.executable))
    assert plugin is not None and plugin.name == "libqxcb.so"
    assert all(name.startswith("lib") for name in bootstrap.ldd_missing(plugin))
