"""Every text file and text pipe names its encoding (our users run Japanese Windows).

Without ``encoding=`` Python uses the locale's encoding, cp932 on a Japanese
Windows PC, and UTF-8 files come back garbled or fail to open. The test run
(``bootstrap.py test``) catches such calls that the tests execute (``-X
warn_default_encoding`` and EncodingWarning as an error); this scan also
covers code no test runs: bench/, tools/, build_spec/ and error paths.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ["src", "tests", "bench", "tools", "build_spec", "bootstrap.py"]

SUBPROCESS_CALLS = {"run", "Popen", "check_output", "call", "check_call"}
TEMPFILES = {"NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile"}


def _kw(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _has_kwargs(call: ast.Call) -> bool:
    return any(k.arg is None for k in call.keywords)  # **kwargs may carry the encoding


def _is_true(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def _text_mode(mode: ast.expr | None, default_text: bool) -> bool:
    if mode is None:
        return default_text
    if isinstance(mode, ast.Constant) and isinstance(mode.value, str):
        return "b" not in mode.value
    return False  # computed mode: cannot tell


def _mode(call: ast.Call, position: int) -> ast.expr | None:
    return _kw(call, "mode") or (call.args[position] if len(call.args) > position else None)


def problems_in(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, call) of text-mode opens and text pipes without an encoding."""
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or _kw(node, "encoding") is not None or _has_kwargs(node):
            continue
        f = node.func
        name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
        owner = f.value.id if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) else ""
        bad = False
        if isinstance(f, ast.Name) and name == "open" or owner == "io" and name == "open":
            bad = _text_mode(_mode(node, 1), True) and len(node.args) < 4
        elif name == "fdopen":
            bad = _text_mode(_mode(node, 1), True) and len(node.args) < 4
        elif name == "read_text":
            bad = not node.args
        elif name == "write_text":
            bad = len(node.args) < 2
        elif isinstance(f, ast.Attribute) and name == "open" and node.args:
            # Path.open("w") and friends; zipfile/Qt/document open() take no literal text mode
            first = node.args[0]
            bad = (isinstance(first, ast.Constant) and isinstance(first.value, str)
                   and set(first.value) <= set("rwax+t") and _text_mode(first, True) and len(node.args) < 4)
        elif name in TEMPFILES:
            bad = _text_mode(_mode(node, 0), False)
        elif name == "TextIOWrapper":
            bad = len(node.args) < 2
        elif owner == "subprocess" and name in SUBPROCESS_CALLS:
            bad = _is_true(_kw(node, "text")) or _is_true(_kw(node, "universal_newlines"))
        if bad:
            out.append((node.lineno, ast.unparse(node.func)))
    return out


def _files() -> list[Path]:
    files: list[Path] = []
    for entry in SCANNED:
        path = ROOT / entry
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return files


def test_no_text_file_or_pipe_without_an_encoding():
    found = []
    for path in _files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        found += [f"{path.relative_to(ROOT)}:{line}: {call}(...) without encoding=" for line, call in problems_in(tree)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("code", [
    "open(p)", "open(p, 'w')", "io.open(p, 'rt')", "os.fdopen(fd, 'w')", "p.read_text()", "p.write_text(s)",
    "p.open('w')", "tempfile.NamedTemporaryFile('w')", "tempfile.NamedTemporaryFile(mode='w+')",
    "io.TextIOWrapper(raw)", "subprocess.run(cmd, text=True)", "subprocess.Popen(cmd, universal_newlines=True)",
])
def test_the_scan_finds_a_missing_encoding(code):
    assert problems_in(ast.parse(code))


@pytest.mark.parametrize("code", [
    "open(p, 'rb')", "open(p, encoding='utf-8')", "open(p, 'w', -1, 'utf-8')", "p.read_text('utf-8')",
    "p.read_text(encoding='utf-8')", "p.write_text(s, encoding='utf-8')", "p.read_bytes()", "p.open('rb')",
    "zf.open(part)", "doc.open(path)", "tempfile.NamedTemporaryFile()", "subprocess.run(cmd)",
    "subprocess.run(cmd, text=True, encoding='utf-8')", "subprocess.run(cmd, capture_output=True)",
    "open(p, **kwargs)",
])
def test_the_scan_accepts_binary_and_explicit_encodings(code):
    assert not problems_in(ast.parse(code))
