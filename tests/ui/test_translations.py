"""The English catalogue covers every UI string, and every string reaches it.

lupdate collects ``self.tr("…")``, ``ClassName.tr("…")`` and
``QCoreApplication.translate("Context", "…")`` calls. A string passed through a
module-level helper function is invisible to it and would stay Japanese in the
English UI; the second test keeps that pattern out.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "plan_desktop_en.ts"

sys.path.insert(0, str(ROOT / "tools"))
import update_translations  # noqa: E402

sys.path.pop(0)


def _messages(ts: Path) -> dict[tuple[str, str], str | None]:
    out: dict[tuple[str, str], str | None] = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            t = m.find("translation")
            assert t is not None
            out[(name, m.findtext("source") or "")] = None if t.get("type") == "unfinished" else (t.text or "")
    return out


@pytest.mark.slow
def test_catalogue_holds_every_ui_string_with_english(tmp_path):
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(lupdate), "-locations", "none", "-no-obsolete", "-target-language", "en",
                    *map(str, update_translations.sources()), "-ts", str(fresh)],
                   check=True, capture_output=True)
    in_code = set(_messages(fresh))
    committed = _messages(TS)
    missing = sorted(in_code - set(committed))
    assert not missing, ("strings missing from the catalogue (run tools/update_translations.py "
                         f"and give them English): {missing[:10]}")
    untranslated = sorted(k for k in in_code if not committed[k])
    assert not untranslated, f"strings without English: {untranslated[:10]}"
    assert not any(ctx == "" for ctx, _ in in_code), "a bare tr() outside a class lands in an empty context"


def _module_constants(tree: ast.Module) -> dict[str, str]:
    consts: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    consts[target.id] = node.value.value
    return consts


def test_translate_wrappers_are_tr_methods_of_a_class_named_like_their_context():
    offenders = []
    for path in update_translations.sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        consts = _module_constants(tree)
        for cls in [n for n in ast.walk(tree)] + [tree]:
            body = getattr(cls, "body", None)
            if not isinstance(body, list):
                continue
            for fn in body:
                if not isinstance(fn, ast.FunctionDef):
                    continue
                for call in ast.walk(fn):
                    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                            and call.func.attr == "translate" and len(call.args) >= 2):
                        continue
                    if isinstance(call.args[1], ast.Constant):
                        continue  # a literal: lupdate collects it where it stands
                    first = call.args[0]
                    context = first.value if isinstance(first, ast.Constant) else consts.get(getattr(first, "id", ""))
                    if not isinstance(context, str):
                        continue  # not a translation (e.g. QPainter.translate(x, y))
                    ok = isinstance(cls, ast.ClassDef) and fn.name == "tr" and context == cls.name
                    if not ok:
                        offenders.append(f"{path.name}:{call.lineno} ({fn.name})")
    assert not offenders, ("translate(context, variable) outside `class <Context>: def tr` — lupdate "
                           f"cannot collect the strings passed to it: {offenders}")
