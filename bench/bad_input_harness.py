"""Bad-input harness: every malformed file and argument must end in a message, exit 1, the plan untouched.

Each case builds one bad input beside a private copy of a plan file (the
bundled plan with evaluations), runs one ``plan-desktop`` command line on it
in a child process (time limit, its own memory) and classifies the result:

* **refused cleanly** — exit status 1, a Japanese message on stderr, no
  traceback, the plan file byte-identical, no ``*.tmp`` left behind, within
  the time limit;
* **traceback** — a Python traceback (or a crash, or the time limit);
* **file changed** — the plan file's bytes changed;
* **accepted** — exit status 0: the bad input went in;
* **read cleanly** — for inputs that only look hostile (a sheet claiming a
  huge dimension, a million blank lines): read within the time limit.

Cases that need a read-only file or folder run the command as ``nobody`` when
the harness runs as root (root ignores file modes); a full disk is a file
size limit (``RLIMIT_FSIZE``); a file locked by another program is a second
process holding SQLite's exclusive lock.

    .venv/bin/python bench/bad_input_harness.py              # all cases, a summary and the failures
    .venv/bin/python bench/bad_input_harness.py --list       # the case names
    .venv/bin/python bench/bad_input_harness.py -k merge     # cases whose name contains "merge"
    .venv/bin/python bench/bad_input_harness.py --json

Exit status 0 when every case was refused cleanly, else 1. The tests run the
same cases (tests/cli/test_bad_input_cases.py).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path and not os.environ.get("PYTHONPATH"):
    sys.path.insert(0, str(ROOT / "src"))

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
TIME_LIMIT = 60.0
FY = 2024


# ------------------------------------------------------------------ the plan
def make_sample(target: Path) -> None:
    """The bundled plan plus evaluations with texts (a migrated, healthy file)."""
    from plan_desktop.domain.model import Evaluation
    from plan_desktop.storage.database import open_database
    from plan_desktop.storage.repository import PlanRepository

    shutil.copyfile(ROOT / "data" / "plan.sqlite", target)
    db = open_database(target, backups=False)
    repo = PlanRepository(db)
    for i, m in enumerate(repo.load().measures[:8]):
        m.evaluations = [Evaluation(fy=FY, rating="ABCD"[i % 4], progress="実施中",
                                    achievements=f"説明会を{i + 1}回開催した。参加者は延べ{(i + 1) * 40}人。",
                                    issues="担い手の不足", improvements="ＮＰＯとの連携を強める")]
        repo.save_measure(m)
    db.close()


@dataclass
class Ctx:
    """What a case builder gets: the work folder and the plan file the command runs on."""

    work: Path
    db: Path
    # Set by builders: how the child must run the command.
    as_nobody: bool = False
    file_size_limit: int | None = None
    hold_exclusive_lock: bool = False
    time_limit: float = TIME_LIMIT
    watch: list[Path] = field(default_factory=list)  # folders that must not keep *.tmp files

    def plan_doc(self) -> dict:
        from plan_desktop.storage.database import open_database
        from plan_desktop.storage.json_format import to_json
        from plan_desktop.storage.repository import PlanRepository

        db = open_database(self.db, readonly=True)
        try:
            return to_json(PlanRepository(db).load())
        finally:
            db.close()

    def write_json(self, name: str, doc: object) -> Path:
        path = self.work / name
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        return path

    def write_text(self, name: str, text: str) -> Path:
        path = self.work / name
        path.write_text(text, encoding="utf-8")
        return path

    def export(self, kind: str, name: str, *extra: str) -> Path:
        from plan_desktop.cli import main

        out = self.work / name
        with contextlib.redirect_stdout(io.StringIO()):
            rc = main(["export", kind, "--db", str(self.db), "-o", str(out), *extra])
        assert rc == 0, f"export {kind} failed while building a case"
        return out

    def other_copy(self, edit: Callable[[sqlite3.Connection], None] | None = None) -> Path:
        other = self.work / "other.sqlite"
        shutil.copyfile(self.db, other)
        if edit is not None:
            conn = sqlite3.connect(other)
            edit(conn)
            conn.commit()
            conn.close()
        return other


Builder = Callable[[Ctx], list[str]]
CASES: dict[str, Builder] = {}
# Inputs that look hostile but are fine to read (a sheet claiming a huge dimension, a million
# blank lines): the right answer is to read them within the time limit, not to refuse them.
READ_OK: set[str] = set()


def case(name: str, *, read_ok: bool = False):
    def register(fn: Builder) -> Builder:
        assert name not in CASES, name
        CASES[name] = fn
        if read_ok:
            READ_OK.add(name)
        return fn
    return register


def _import_json(ctx: Ctx, doc_or_text, name: str = "bad.json") -> list[str]:
    path = ctx.write_text(name, doc_or_text) if isinstance(doc_or_text, str) else ctx.write_json(name, doc_or_text)
    return ["import", "json", str(path), "--db", str(ctx.db)]


def _mutated(ctx: Ctx, change: Callable[[dict], None]) -> dict:
    doc = ctx.plan_doc()
    change(doc)
    return doc


def _first_eval(doc: dict) -> dict:
    return next(m for m in doc["measures"] if m["evaluations"])["evaluations"][0]


def _evaluated(doc: dict) -> list[dict]:
    return [m for m in doc["measures"] if m["evaluations"]]


# ------------------------------------------------------- import json: ids
def _dup(path: Callable[[dict], tuple[dict, dict]]):
    def change(doc: dict) -> None:
        a, b = path(doc)
        b["id"] = a["id"]
    return change


DUPLICATE_IDS = {
    "evaluations": lambda d: (_evaluated(d)[0]["evaluations"][0], _evaluated(d)[1]["evaluations"][0]),
    "action items": lambda d: (d["measures"][0]["action_plan"][0]["items"][0], d["measures"][1]["action_plan"][0]["items"][0]),
    "action blocks": lambda d: (d["measures"][0]["action_plan"][0], d["measures"][1]["action_plan"][0]),
    "viewpoints": lambda d: (d["viewpoints"][0], d["viewpoints"][1]),
    "periods": lambda d: (d["plan"]["periods"][0], d["plan"]["periods"][1]),
    "phases": lambda d: (d["phases"][0], d["phases"][1]),
    "proposals": lambda d: (d["proposals"][0], d["proposals"][1]),
    "measures": lambda d: (d["measures"][0], d["measures"][1]),
    "communities": lambda d: (d["communities"][0], d["communities"][1]),
}
for _what, _path in DUPLICATE_IDS.items():
    case(f"import json: duplicate ids of {_what}")(lambda ctx, p=_path: _import_json(ctx, _mutated(ctx, _dup(p))))


def _add_indicator_pair(doc: dict) -> None:
    e1, e2 = _evaluated(doc)[0]["evaluations"][0], _evaluated(doc)[1]["evaluations"][0]
    e1["indicators"] = [{"id": "ind-1", "name": "参加者数", "unit": "人", "baseline": 1, "target": 2, "actual": 3}]
    e2["indicators"] = [{"id": "ind-1", "name": "会議数", "unit": "回", "baseline": 1, "target": 2, "actual": 3}]


case("import json: duplicate ids of indicators")(lambda ctx: _import_json(ctx, _mutated(ctx, _add_indicator_pair)))


def _two_community_entries(doc: dict) -> None:
    m = doc["measures"][0]
    c = doc["communities"][0]
    doc["community_entries"] = [
        {"id": "e1", "measure": m["id"], "community": c["id"], "fy": FY, "status": None, "note": "a"},
        {"id": "e1", "measure": m["id"], "community": doc["communities"][1]["id"], "fy": FY, "status": None, "note": "b"}]


case("import json: duplicate ids of community entries")(lambda ctx: _import_json(ctx, _mutated(ctx, _two_community_entries)))


# ------------------------------------------------------- import json: numbers
def _raw_json(ctx: Ctx, change: Callable[[dict], None], old: str, new: str) -> str:
    text = json.dumps(_mutated(ctx, change), ensure_ascii=False)
    assert old in text, old
    return text.replace(old, new, 1)


def _mark(key: str, value: str = "__MARK__"):
    def change(doc: dict) -> None:
        target = {
            "points": lambda: doc["rating_scale"][0],
            "no": lambda: doc["measures"][0],
            "fy": lambda: _first_eval(doc),
            "viewpoint": lambda: doc["measures"][0],
            "fy_start": lambda: doc["plan"],
        }[key]()
        target[key] = value
    return change


for _key in ("points", "no", "fy", "viewpoint", "fy_start"):
    for _lit in ("NaN", "Infinity", "-Infinity", "1e400", str(2 ** 64), str(-(2 ** 63) - 1)):
        if _key != "points" and _lit in ("1e400",):
            continue
        case(f"import json: {_key} = {_lit}")(
            lambda ctx, k=_key, lit=_lit: _import_json(ctx, _raw_json(ctx, _mark(k), '"__MARK__"', lit)))


def _indicator_mark(doc: dict) -> None:
    _first_eval(doc)["indicators"] = [{"name": "参加者数", "unit": "人", "baseline": "__MARK__"}]


for _lit in ("NaN", "Infinity", "1e400"):
    case(f"import json: indicator baseline = {_lit}")(
        lambda ctx, lit=_lit: _import_json(ctx, _raw_json(ctx, _indicator_mark, '"__MARK__"', lit)))


@case("import json: 100,000-deep nesting")
def _deep(ctx: Ctx) -> list[str]:
    return _import_json(ctx, "[" * 100_000 + "]" * 100_000)


@case("import json: 100,000-deep nesting inside a field")
def _deep_field(ctx: Ctx) -> list[str]:
    text = json.dumps(ctx.plan_doc(), ensure_ascii=False)
    return _import_json(ctx, text.replace('"notes": [', '"notes": [' + "[" * 100_000 + "]" * 100_000 + ",", 1))


# --------------------------------------------------- import json: wrong data
def _set(getter: Callable[[dict], dict], key: str, value: object):
    def change(doc: dict) -> None:
        getter(doc)[key] = value
    return change


WRONG = {
    "NUL in a title": _set(lambda d: d["measures"][0], "title", "名称\x00の途中"),
    "control character in a text": _set(lambda d: d["measures"][0], "content", "推進内容\x1b[31m"),
    "vertical tab in a text": _set(lambda d: d["measures"][0], "issue", "課題\x0b二行目"),
    "control character in an evaluation": _set(_first_eval, "achievements", "実績\x07"),
    "control character in a department": _set(lambda d: d["measures"][0], "departments", ["人事課\x01"]),
    "updated_at garbage": _set(lambda d: d["measures"][0], "updated_at", "garbage"),
    "evaluation updated_at garbage": _set(_first_eval, "updated_at", "2024-13-45"),
    "unknown period name": _set(lambda d: d["measures"][0], "period", "存在しない期間"),
    "10 MB field": _set(lambda d: d["measures"][0], "content", "長い文章。" * 2_000_000),
    "1 MB title": _set(lambda d: d["measures"][0], "title", "名" * 1_000_000),
    "predecessors not a list of ids": _set(lambda d: d["measures"][0], "predecessors", [1, 2]),
    "negative №": _set(lambda d: d["measures"][0], "no", -1),
    "evaluation of FY 1900": _set(_first_eval, "fy", 1900),
    "evaluation status bogus": _set(_first_eval, "status", "bogus"),
    "rating not in the scale": _set(_first_eval, "rating", "Z"),
    "plan years reversed": lambda d: d["plan"].update(fy_start=2031, fy_end=2022),
    "plan year 9999": _set(lambda d: d["plan"], "fy_end", 9999),
    "self_date garbage": _set(_first_eval, "self_date", "昨日"),
    "phase colour garbage": _set(lambda d: d["phases"][0], "color", "url(javascript:alert(1))"),
    "empty title": _set(lambda d: d["measures"][0], "title", "   "),
    "title is a number": _set(lambda d: d["measures"][0], "title", 12),
    "departments is a string": _set(lambda d: d["measures"][0], "departments", "人事課"),
    "schedule year 9999": lambda d: d["measures"][0]["schedule"].append({"fy": 9999, "phase": d["phases"][0]["name"]}),
}


def _community_entry(fy: int, status: str | None, note: str = ""):
    def change(doc: dict) -> None:
        m = doc["measures"][0]
        m["community"] = {"options": ["未着手", "実施"], "done": "実施", "done_text": ""}
        doc["community_entries"] = [{"id": "ce1", "measure": m["id"], "community": doc["communities"][0]["id"],
                                     "fy": fy, "status": status, "note": note}]
    return change


WRONG["community entry for FY 9999 with status bogus"] = _community_entry(9999, "bogus")
WRONG["community entry with status bogus"] = _community_entry(FY, "bogus")
WRONG["community entry with a control character"] = _community_entry(FY, None, "メモ\x02")
WRONG["two communities with one name"] = lambda d: d["communities"][1].update(name=d["communities"][0]["name"])

for _what, _change in WRONG.items():
    case(f"import json: {_what}")(lambda ctx, c=_change: _import_json(ctx, _mutated(ctx, c)))


@case("import json: lone surrogate")
def _surrogate(ctx: Ctx) -> list[str]:
    return _import_json(ctx, _raw_json(ctx, _set(lambda d: d["measures"][0], "title", "__MARK__"), '"__MARK__"',
                                       '"名称\\ud800"'))


@case("import json: invalid UTF-8")
def _bad_utf8(ctx: Ctx) -> list[str]:
    path = ctx.work / "bad.json"
    path.write_bytes(json.dumps(ctx.plan_doc(), ensure_ascii=False).encode("utf-8").replace(b"\xe6", b"\xff", 1))
    return ["import", "json", str(path), "--db", str(ctx.db)]


FILES = {
    "not JSON": "これは JSON ではありません",
    "a JSON array": "[1, 2, 3]",
    "a JSON string": '"plan"',
    "wrong format tag": '{"format": "other/2"}',
    "empty file": "",
    "truncated": None,
}
for _what, _text in FILES.items():
    @case(f"import json: {_what}")
    def _file(ctx: Ctx, text=_text) -> list[str]:
        if text is None:
            text = json.dumps(ctx.plan_doc(), ensure_ascii=False)[:5000]
        return _import_json(ctx, text)


@case("import json: a folder")
def _json_folder(ctx: Ctx) -> list[str]:
    (ctx.work / "folder.json").mkdir()
    return ["import", "json", str(ctx.work / "folder.json"), "--db", str(ctx.db)]


@case("import json: missing file")
def _json_missing(ctx: Ctx) -> list[str]:
    return ["import", "json", str(ctx.work / "missing.json"), "--db", str(ctx.db)]


# --------------------------------------------------- import json: the target file
def _good_json(ctx: Ctx) -> Path:
    return ctx.write_json("good.json", _mutated(ctx, _set(lambda d: d["measures"][0], "title", "正しい変更")))


@case("import json: read-only plan file")
def _ro_file(ctx: Ctx) -> list[str]:
    src = _good_json(ctx)
    os.chmod(ctx.db, 0o444)
    ctx.as_nobody = True
    return ["import", "json", str(src), "--db", str(ctx.db)]


@case("import json: read-only folder")
def _ro_folder(ctx: Ctx) -> list[str]:
    src = _good_json(ctx)
    ctx.as_nobody = True
    os.chmod(ctx.db.parent, 0o555)
    return ["import", "json", str(src), "--db", str(ctx.db)]


@case("import json: full disk")
def _full_disk(ctx: Ctx) -> list[str]:
    src = _good_json(ctx)
    ctx.file_size_limit = ctx.db.stat().st_size // 2
    return ["import", "json", str(src), "--db", str(ctx.db)]


@case("import json: file locked by another program")
def _locked(ctx: Ctx) -> list[str]:
    src = _good_json(ctx)
    ctx.hold_exclusive_lock = True
    return ["import", "json", str(src), "--db", str(ctx.db)]


@case("import xlsx: file locked by another program")
def _locked_xlsx(ctx: Ctx) -> list[str]:
    x = _xlsx_with(ctx, lambda wb: wb["推進事項"].cell(3, _col(wb["推進事項"], "名称")).__setattr__("value", "変更"))
    ctx.hold_exclusive_lock = True
    return ["import", "xlsx", str(x), "--db", str(ctx.db), "--yes"]


@case("merge: read-only plan file")
def _ro_merge(ctx: Ctx) -> list[str]:
    other = ctx.other_copy(lambda c: c.execute("UPDATE measures SET title = '相手の変更' WHERE rowid = 1"))
    os.chmod(ctx.db, 0o444)
    ctx.as_nobody = True
    return ["merge", str(other), "--db", str(ctx.db), "--yes"]


# ------------------------------------------------------------------- merge
@case("merge: a folder")
def _merge_folder(ctx: Ctx) -> list[str]:
    (ctx.work / "other").mkdir()
    return ["merge", str(ctx.work / "other"), "--db", str(ctx.db), "--yes"]


@case("merge: deep JSON")
def _merge_deep(ctx: Ctx) -> list[str]:
    return ["merge", str(ctx.write_text("deep.json", "[" * 100_000 + "]" * 100_000)), "--db", str(ctx.db), "--yes"]


@case("merge: evaluation of FY 1900 (package)")
def _merge_1900(ctx: Ctx) -> list[str]:
    doc = _mutated(ctx, _set(_first_eval, "fy", 1900))
    return ["merge", str(ctx.write_json("pkg.json", doc)), "--db", str(ctx.db), "--yes"]


@case("merge: evaluation of FY 1900 (.sqlite)")
def _merge_1900_sqlite(ctx: Ctx) -> list[str]:
    other = ctx.other_copy(lambda c: c.execute("UPDATE evaluations SET fy = 1900 WHERE rowid = (SELECT min(rowid) FROM evaluations)"))
    return ["merge", str(other), "--db", str(ctx.db), "--yes"]


@case("merge: invalid JSON in predecessor ids")
def _merge_pred(ctx: Ctx) -> list[str]:
    other = ctx.other_copy(lambda c: c.execute("UPDATE measures SET predecessor_ids = '[\"a\",' WHERE rowid = 1"))
    return ["merge", str(other), "--db", str(ctx.db), "--yes"]


@case("merge: predecessor ids not a list")
def _merge_pred2(ctx: Ctx) -> list[str]:
    other = ctx.other_copy(lambda c: c.execute("UPDATE measures SET predecessor_ids = '{\"a\": 1}' WHERE rowid = 1"))
    return ["merge", str(other), "--db", str(ctx.db), "--yes"]


@case("merge: text that is not UTF-8")
def _merge_utf8(ctx: Ctx) -> list[str]:
    other = ctx.other_copy(lambda c: c.execute("UPDATE measures SET content = CAST(X'E8AAFF' AS TEXT) WHERE rowid = 1"))
    return ["merge", str(other), "--db", str(ctx.db), "--yes"]


@case("merge: control characters")
def _merge_ctrl(ctx: Ctx) -> list[str]:
    other = ctx.other_copy(lambda c: c.execute("UPDATE measures SET title = title || char(0) WHERE rowid = 1"))
    return ["merge", str(other), "--db", str(ctx.db), "--yes"]


@case("merge: 10 MB field")
def _merge_big(ctx: Ctx) -> list[str]:
    other = ctx.other_copy(lambda c: c.execute("UPDATE measures SET content = ? WHERE rowid = 1", ["長い文章。" * 2_000_000]))
    return ["merge", str(other), "--db", str(ctx.db), "--yes"]


@case("merge: status bogus")
def _merge_status(ctx: Ctx) -> list[str]:
    other = ctx.other_copy(lambda c: c.execute("UPDATE evaluations SET status = 'bogus'"))
    return ["merge", str(other), "--db", str(ctx.db), "--yes"]


@case("merge: a trigger in the other file")
def _merge_trigger(ctx: Ctx) -> list[str]:
    other = ctx.other_copy(lambda c: c.execute(
        "CREATE TRIGGER wipe AFTER INSERT ON change_log BEGIN DELETE FROM evaluations; END"))
    return ["merge", str(other), "--db", str(ctx.db), "--yes"]


@case("merge: an empty file")
def _merge_empty(ctx: Ctx) -> list[str]:
    (ctx.work / "empty.sqlite").write_bytes(b"")
    return ["merge", str(ctx.work / "empty.sqlite"), "--db", str(ctx.db), "--yes"]


@case("merge: random bytes")
def _merge_random(ctx: Ctx) -> list[str]:
    (ctx.work / "random.sqlite").write_bytes(bytes(range(256)) * 64)
    return ["merge", str(ctx.work / "random.sqlite"), "--db", str(ctx.db), "--yes"]


@case("merge: SQLite file that is not a plan")
def _merge_foreign(ctx: Ctx) -> list[str]:
    conn = sqlite3.connect(ctx.work / "foreign.sqlite")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    return ["merge", str(ctx.work / "foreign.sqlite"), "--db", str(ctx.db), "--yes"]


@case("merge: missing file")
def _merge_missing(ctx: Ctx) -> list[str]:
    return ["merge", str(ctx.work / "missing.sqlite"), "--db", str(ctx.db), "--yes"]


@case("merge: package with bad tombstones")
def _merge_tomb(ctx: Ctx) -> list[str]:
    doc = ctx.plan_doc()
    doc["package"] = {"kind": "changes", "since": "2024-01-01T00:00:00+09:00", "created_at": "2024-01-02T00:00:00+09:00"}
    doc["tombstones"] = [{"entity": "measure", "id": 5, "deleted_at": None}]
    return ["merge", str(ctx.write_json("pkg.json", doc)), "--db", str(ctx.db), "--yes"]


@case("merge: package since garbage")
def _merge_since(ctx: Ctx) -> list[str]:
    doc = ctx.plan_doc()
    doc["package"] = {"kind": "changes", "since": "garbage"}
    return ["merge", str(ctx.write_json("pkg.json", doc)), "--db", str(ctx.db), "--yes"]


@case("merge: package with duplicate evaluation ids")
def _merge_dup(ctx: Ctx) -> list[str]:
    doc = _mutated(ctx, _dup(DUPLICATE_IDS["evaluations"]))
    return ["merge", str(ctx.write_json("pkg.json", doc)), "--db", str(ctx.db), "--yes"]


@case("merge: package with NaN")
def _merge_nan(ctx: Ctx) -> list[str]:
    return ["merge", str(ctx.write_text("pkg.json", _raw_json(ctx, _mark("points"), '"__MARK__"', "NaN"))),
            "--db", str(ctx.db), "--yes"]


# ------------------------------------------------------------ --db and -o
OUTPUT_COMMANDS = {
    "export json": ["export", "json", "-o", "{out}"],
    "export xlsx": ["export", "xlsx", "-o", "{out}"],
    "export csv": ["export", "csv", "-o", "{out}"],
    "export changes": ["export", "changes", "--since", "2024-01-01", "-o", "{out}"],
    "print sheets": ["print", "sheets", "--fy", str(FY), "-o", "{out}"],
    "print summary": ["print", "summary", "--fy", str(FY), "-o", "{out}"],
    "template": ["template", "--department", "人事課", "-o", "{out}"],
}
for _cmd, _argv in OUTPUT_COMMANDS.items():
    @case(f"-o naming a folder: {_cmd}")
    def _out_folder(ctx: Ctx, argv=_argv) -> list[str]:
        out = ctx.work / "out_folder"
        out.mkdir()
        ctx.watch.append(ctx.work)
        return [a.replace("{out}", str(out)) for a in argv] + ["--db", str(ctx.db)]

    @case(f"-o in a missing folder: {_cmd}")
    def _out_missing(ctx: Ctx, argv=_argv) -> list[str]:
        out = ctx.work / "no" / "such" / "folder" / "out.file"
        return [a.replace("{out}", str(out)) for a in argv] + ["--db", str(ctx.db)]

    @case(f"0-byte --db: {_cmd}")
    def _empty_db(ctx: Ctx, argv=_argv) -> list[str]:
        ctx.db.write_bytes(b"")
        out = ctx.work / "out.file"
        return [a.replace("{out}", str(out)) for a in argv] + ["--db", str(ctx.db)]


@case("0-byte --db: check")
def _empty_check(ctx: Ctx) -> list[str]:
    ctx.db.write_bytes(b"")
    return ["check", "--db", str(ctx.db)]


@case("0-byte --db: backup")
def _empty_backup(ctx: Ctx) -> list[str]:
    ctx.db.write_bytes(b"")
    return ["backup", "--db", str(ctx.db)]


@case("--db is a folder: export json")
def _db_folder(ctx: Ctx) -> list[str]:
    return ["export", "json", "--db", str(ctx.work), "-o", str(ctx.work / "o.json")]


@case("--db is not a plan: import xlsx")
def _db_foreign(ctx: Ctx) -> list[str]:
    x = ctx.export("xlsx", "p.xlsx")
    ctx.db.write_bytes(b"not a database at all" * 100)
    return ["import", "xlsx", str(x), "--db", str(ctx.db), "--yes"]


@case("restore: a file that is not a backup")
def _restore_junk(ctx: Ctx) -> list[str]:
    junk = ctx.write_text("junk.sqlite", "junk")
    return ["restore", "--db", str(ctx.db), str(junk)]


@case("restore: a backup carrying a trigger")
def _restore_trigger(ctx: Ctx) -> list[str]:
    other = ctx.other_copy(lambda c: c.execute(
        "CREATE TRIGGER wipe AFTER INSERT ON change_log BEGIN DELETE FROM evaluations; END"))
    return ["restore", "--db", str(ctx.db), str(other)]


@case("restore: a backup carrying a view and an extra table")
def _restore_view(ctx: Ctx) -> list[str]:
    def edit(c: sqlite3.Connection) -> None:
        c.execute("CREATE VIEW v AS SELECT * FROM measures")
        c.execute("CREATE TABLE extra (x)")
    return ["restore", "--db", str(ctx.db), str(ctx.other_copy(edit))]


@case("restore: number out of range")
def _restore_number(ctx: Ctx) -> list[str]:
    return ["restore", "--db", str(ctx.db), "99"]


# ------------------------------------------------------------------- xlsx
def _col(ws, header: str) -> int:
    for row in ws.iter_rows(min_row=1, max_row=5):
        for c in row:
            if c.value == header:
                return c.column
    raise LookupError(header)


def _xlsx_with(ctx: Ctx, edit: Callable, *, fy: bool = True, name: str = "p.xlsx") -> Path:
    from openpyxl import load_workbook

    x = ctx.export("xlsx", name, *(["--fy", str(FY)] if fy else []))
    wb = load_workbook(x)
    edit(wb)
    wb.save(x)
    return x


def _import_xlsx(ctx: Ctx, path: Path, *extra: str) -> list[str]:
    return ["import", "xlsx", str(path), "--db", str(ctx.db), "--yes", *extra]


@case("import xlsx: zip bomb")
def _zip_bomb(ctx: Ctx) -> list[str]:
    """Under 1 MB on disk, 300 MB of XML once inflated (a comment of spaces in the first sheet)."""
    x = ctx.export("xlsx", "p.xlsx")
    bomb = ctx.work / "bomb.xlsx"
    with zipfile.ZipFile(x) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(item, data)
                continue
            head, tail = data.split(b"</sheetData>", 1)
            info = zipfile.ZipInfo(item.filename, item.date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            with dst.open(info, "w", force_zip64=True) as out:
                out.write(head + b"<!--")
                chunk = b" " * (1 << 20)
                for _ in range(300):
                    out.write(chunk)
                out.write(b"-->" + b'<row r="999999"><c r="A999999" t="inlineStr"><is><t>x</t></is></c></row>'
                          + b"</sheetData>" + tail)
    return _import_xlsx(ctx, bomb)


@case("import xlsx: dimension A1:XFD1048576", read_ok=True)
def _huge_dimension(ctx: Ctx) -> list[str]:
    x = ctx.export("xlsx", "p.xlsx")
    out = ctx.work / "dim.xlsx"
    with zipfile.ZipFile(x) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', data)
            dst.writestr(item, data)
    return _import_xlsx(ctx, out)


@case("import xlsx: a value in the last row")
def _last_row(ctx: Ctx) -> list[str]:
    x = _xlsx_with(ctx, lambda wb: wb["推進事項"].cell(1048576, 1).__setattr__("value", 99))
    return _import_xlsx(ctx, x)


@case("import xlsx: a value in the last column")
def _last_col(ctx: Ctx) -> list[str]:
    x = _xlsx_with(ctx, lambda wb: wb["推進事項"].cell(3, 16384).__setattr__("value", "x"))
    return _import_xlsx(ctx, x)


@case("import xlsx: 30,000 rows")
def _many_rows(ctx: Ctx) -> list[str]:
    def edit(wb) -> None:
        ws = wb["推進事項"]
        for r in range(40, 30_040):
            ws.cell(r, 1).value = r
    return _import_xlsx(ctx, _xlsx_with(ctx, edit))


@case("import xlsx: formula without a stored result erases a text")
def _formula(ctx: Ctx) -> list[str]:
    def edit(wb) -> None:
        ws = wb["評価"]
        ws.cell(_first_data_row(ws), _col(ws, "取組実績")).value = "=CONCAT(\"a\",\"b\")"
    return _import_xlsx(ctx, _xlsx_with(ctx, edit))


def _first_data_row(ws) -> int:
    header = next(r for r in range(1, 6) if any(c.value == "№" for c in ws[r]))
    return header + 1


@case("import xlsx: merged cells cover a text")
def _merged(ctx: Ctx) -> list[str]:
    def edit(wb) -> None:
        ws = wb["評価"]
        r = _first_data_row(ws)
        c = _col(ws, "取組実績")
        ws.merge_cells(start_row=r, start_column=c - 1, end_row=r, end_column=c)
    return _import_xlsx(ctx, _xlsx_with(ctx, edit))


@case("import xlsx: a blank cell erases a stored text without --allow-erase")
def _blank_erases(ctx: Ctx) -> list[str]:
    def edit(wb) -> None:
        ws = wb["評価"]
        ws.cell(_first_data_row(ws), _col(ws, "取組実績")).value = None
    return _import_xlsx(ctx, _xlsx_with(ctx, edit))


@case("import xlsx: 10 MB cell")
def _big_cell(ctx: Ctx) -> list[str]:
    def edit(wb) -> None:
        ws = wb["推進事項"]
        ws.cell(3, _col(ws, "推進内容")).value = "長" * 32_000  # Excel's cell limit; many cells add up
        for r in range(4, 40):
            ws.cell(r, _col(ws, "推進内容")).value = "長" * 32_000
    return _import_xlsx(ctx, _xlsx_with(ctx, edit))


def _retitled(wb) -> None:
    ws = wb["推進事項"]
    ws.cell(_first_data_row(ws), _col(ws, "名称")).value = "取り込みで変えた名称"


@case("import xlsx: --preview-file names a folder")
def _preview_folder(ctx: Ctx) -> list[str]:
    (ctx.work / "一覧").mkdir()
    return _import_xlsx(ctx, _xlsx_with(ctx, _retitled), "--preview-file", str(ctx.work / "一覧"))


@case("import xlsx: --preview-file names the plan file")
def _preview_plan(ctx: Ctx) -> list[str]:
    return _import_xlsx(ctx, _xlsx_with(ctx, _retitled), "--preview-file", str(ctx.db))


@case("merge: --preview-file names a folder")
def _merge_preview_folder(ctx: Ctx) -> list[str]:
    (ctx.work / "一覧").mkdir()
    other = ctx.other_copy(lambda c: c.execute("UPDATE measures SET title = '相手の名称' WHERE no = 1"))
    return ["merge", str(other), "--db", str(ctx.db), "--yes", "--preview-file", str(ctx.work / "一覧")]


NOT_XLSX = {
    "an .xls file": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000,
    "random bytes": bytes(range(256)) * 40,
    "an empty file": b"",
    "a zip without a workbook": None,
}
for _what, _raw in NOT_XLSX.items():
    @case(f"import xlsx: {_what}")
    def _not_xlsx(ctx: Ctx, raw=_raw) -> list[str]:
        path = ctx.work / "bad.xlsx"
        if raw is None:
            with zipfile.ZipFile(path, "w") as z:
                z.writestr("hello.txt", "hello")
        else:
            path.write_bytes(raw)
        return _import_xlsx(ctx, path)


@case("import xlsx: an .ods file")
def _ods(ctx: Ctx) -> list[str]:
    path = ctx.work / "reply.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", '<?xml version="1.0"?><office:document-content '
                   'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>')
    return _import_xlsx(ctx, path)


@case("import xlsx: a folder")
def _xlsx_folder(ctx: Ctx) -> list[str]:
    (ctx.work / "folder.xlsx").mkdir()
    return _import_xlsx(ctx, ctx.work / "folder.xlsx")


# ------------------------------------------------------------------- csv
def _csv(ctx: Ctx, text: str | bytes, name: str = "bad.csv") -> list[str]:
    path = ctx.work / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return ["import", "csv", str(path), "--db", str(ctx.db), "--yes"]


def _measures_csv(ctx: Ctx) -> str:
    c = ctx.export("csv", "m.csv", "--sheet", "推進事項")
    return c.read_text(encoding="utf-8-sig")


CSV_CASES = {
    "NUL bytes": lambda ctx: _measures_csv(ctx).replace("、", "\x00", 1),
    "control characters": lambda ctx: _measures_csv(ctx).replace("、", "\x1b", 1),
    "10 MB field": lambda ctx: _measures_csv(ctx).replace("、", "長" * 5_000_000, 1),
    "1,000,000 blank lines": lambda ctx: _measures_csv(ctx) + "\n" * 1_000_000,
    "1,000 columns": lambda ctx: _measures_csv(ctx).replace("\n", "," * 1000 + "x\n", 2),
    "UTF-16 without a BOM": lambda ctx: _measures_csv(ctx).encode("utf-16-le"),
    "an unclosed quote": lambda ctx: _measures_csv(ctx) + '1,"never closed\n' * 3,
    "no header": lambda ctx: "1,2,3\n4,5,6\n",
    "an empty file": lambda ctx: "",
    "№ 2**64": lambda ctx: re.sub(r"\n1,", f"\n{2 ** 64},", _measures_csv(ctx), count=1),
}
for _what, _make in CSV_CASES.items():
    case(f"import csv: {_what}", read_ok=_what == "1,000,000 blank lines")(lambda ctx, make=_make: _csv(ctx, make(ctx)))


# ---------------------------------------------------------------- the child
def _demote() -> None:
    os.setgid(65534)
    os.setuid(65534)


@functools.cache
def nobody_can_run() -> bool:
    """Whether a command demoted to ``nobody`` can start this Python and import the app (it cannot when
    the checkout or the virtual environment lies in a folder only root may enter, e.g. ``mktemp -d``)."""
    if os.name != "posix" or os.geteuid() != 0:
        return True
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    try:
        proc = subprocess.run([sys.executable, "-c", "import plan_desktop.cli"], env=env, capture_output=True,
                              preexec_fn=_demote, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return False
    return proc.returncode == 0


def build_child(name: str, work: Path) -> None:
    """Stage 1 (as the harness's user): copy the plan, build the bad input, write case.json."""
    db = work / "plan.sqlite"
    shutil.copyfile(Path(os.environ["BAD_INPUT_SAMPLE"]), db)
    ctx = Ctx(work, db)
    argv = CASES[name](ctx)
    digest = hashlib.sha256(db.read_bytes()).hexdigest() if db.is_file() else ""
    existing = sorted(str(p) for p in work.rglob("*") if p.suffix in (".tmp", ".building"))
    if ctx.as_nobody and os.geteuid() == 0:
        for p in [work, *work.rglob("*")]:  # readable (not writable) by the demoted command
            with contextlib.suppress(OSError):
                os.chmod(p, os.stat(p).st_mode | 0o004 | (0o001 if p.is_dir() else 0))
    spec = {"argv": argv, "digest": digest, "existing": existing, "as_nobody": ctx.as_nobody,
            "file_size_limit": ctx.file_size_limit, "hold_exclusive_lock": ctx.hold_exclusive_lock,
            "time_limit": ctx.time_limit, "watch": [str(w) for w in ctx.watch]}
    (work.parent / f"{work.name}.case.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")


def run_child(name: str, work: Path) -> dict:
    """Stage 2 (as nobody when the case needs real file permissions): run the command."""
    spec = json.loads((work.parent / f"{work.name}.case.json").read_text(encoding="utf-8"))
    db = work / "plan.sqlite"
    if spec["file_size_limit"] is not None:
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (spec["file_size_limit"], spec["file_size_limit"]))
    from plan_desktop.cli import main

    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    tb = ""
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = main(spec["argv"])
    except SystemExit as exc:
        rc = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001 - the finding
        rc = None
        tb = traceback.format_exc()
    seconds = time.perf_counter() - started
    left = sorted(str(p.relative_to(work)) for p in work.rglob("*")
                  if p.suffix in (".tmp", ".building") and str(p) not in spec["existing"])
    now = hashlib.sha256(db.read_bytes()).hexdigest() if db.is_file() else "(gone)"
    return {"case": name, "exit": rc, "stderr": err.getvalue()[-2000:], "stdout": out.getvalue()[-1500:],
            "traceback": tb[-3000:], "changed": now != spec["digest"], "tmp_left": left, "seconds": round(seconds, 2),
            "time_limit": spec["time_limit"]}


def classify(r: dict) -> str:
    if r.get("timeout"):
        return "traceback"  # hung or ran far too long: as bad as a crash
    if r["traceback"] or r["exit"] not in (0, 1, 2) or "Traceback (most recent call last)" in r["stderr"]:
        return "traceback"
    if r["seconds"] > r["time_limit"] or r["tmp_left"]:
        return "unclear"
    if r["case"] in READ_OK:
        return "read cleanly" if r["exit"] == 0 else "unclear"
    if r["changed"]:
        return "file changed"
    if r["exit"] == 0:
        return "accepted"
    if not JAPANESE.search(r["stderr"]):
        return "unclear"
    return "refused cleanly"


def _hold_lock(db: Path) -> subprocess.Popen:
    """Another program holding SQLite's exclusive lock on *db*."""
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('BEGIN EXCLUSIVE')\n"
        "print('locked', flush=True)\n"
        "time.sleep(300)\n"), str(db)], stdout=subprocess.PIPE, text=True, encoding="utf-8")
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


def run_case(name: str, sample: Path, tmp: Path, time_limit: float = TIME_LIMIT) -> dict:
    work = tmp / re.sub(r"[^0-9A-Za-z]+", "_", name)[:80]
    if work.exists():
        shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    os.chmod(tmp, 0o777)
    os.chmod(work, 0o777)
    env = dict(os.environ, BAD_INPUT_SAMPLE=str(sample), QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    env.setdefault("PYTHONPATH", str(ROOT / "src"))
    started = time.perf_counter()
    holder = None
    try:
        build = subprocess.run([sys.executable, __file__, "--build", name, str(work)], env=env, capture_output=True,
                               text=True, encoding="utf-8", errors="replace", timeout=600)
        if build.returncode != 0:
            raise RuntimeError(f"building case {name!r} failed:\n{build.stderr[-2000:]}")
        spec = json.loads((tmp / f"{work.name}.case.json").read_text(encoding="utf-8"))
        if spec["hold_exclusive_lock"]:
            holder = _hold_lock(work / "plan.sqlite")
        demote = _demote if spec["as_nobody"] and os.geteuid() == 0 else None
        proc = subprocess.run([sys.executable, __file__, "--child", name, str(work)], env=env, capture_output=True,
                              text=True, timeout=spec["time_limit"] * 2, encoding="utf-8", errors="replace",
                              preexec_fn=demote)
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
        if lines:
            result = json.loads(lines[-1])
        else:
            result = {"case": name, "exit": proc.returncode, "stderr": proc.stderr[-2000:], "stdout": "",
                      "traceback": proc.stderr[-3000:] or f"child died ({proc.returncode})", "changed": False,
                      "tmp_left": [], "seconds": time.perf_counter() - started, "time_limit": time_limit}
    except subprocess.TimeoutExpired:
        result = {"case": name, "exit": None, "stderr": "", "stdout": "", "traceback": "", "changed": False,
                  "tmp_left": [], "seconds": time.perf_counter() - started, "timeout": True, "time_limit": time_limit}
    finally:
        if holder is not None:
            holder.kill()
            holder.wait()
    for p in sorted(work.rglob("*"), reverse=True):
        with contextlib.suppress(OSError):
            os.chmod(p, 0o777)
    os.chmod(work, 0o777)
    shutil.rmtree(work, ignore_errors=True)
    result["result"] = classify(result)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--child", nargs=2, metavar=("CASE", "WORK"), help=argparse.SUPPRESS)
    ap.add_argument("--build", nargs=2, metavar=("CASE", "WORK"), help=argparse.SUPPRESS)
    ap.add_argument("-k", default="", help="only cases whose name contains this text")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--verbose", action="store_true", help="print every case's result as it finishes")
    args = ap.parse_args(argv)
    if args.build:
        build_child(args.build[0], Path(args.build[1]))
        return 0
    if args.child:
        print(json.dumps(run_child(args.child[0], Path(args.child[1])), ensure_ascii=False))
        return 0
    names = [n for n in CASES if args.k in n]
    if args.list:
        print("\n".join(names))
        return 0
    started = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory(prefix="plan-bad-input-") as tmp:
        tmp_path = Path(tmp)
        sample = tmp_path / "sample.sqlite"
        make_sample(sample)
        os.chmod(sample, 0o644)
        for name in names:
            r = run_case(name, sample, tmp_path)
            results.append(r)
            if args.verbose:
                print(f"{r['result']:16s} {r['seconds']:6.1f}s  {name}", flush=True)
    counts = {k: sum(1 for r in results if r["result"] == k)
              for k in ("refused cleanly", "read cleanly", "traceback", "file changed", "accepted", "unclear")}
    if args.json:
        print(json.dumps({"counts": counts, "results": results}, ensure_ascii=False, indent=1))
    else:
        print(f"bad inputs tried: {len(results)}")
        for k, v in counts.items():
            print(f"  {k:16s} {v:4d}")
        print(f"  seconds          {time.perf_counter() - started:6.1f}")
        for r in results:
            if r["result"] not in ("refused cleanly", "read cleanly"):
                detail = (r["traceback"].strip().splitlines() or [""])[-1] if r["result"] == "traceback" else \
                    (r["stderr"].strip().splitlines() or r["stdout"].strip().splitlines() or [""])[-1]
                if r.get("timeout"):
                    detail = f"no answer within {2 * r['time_limit']:.0f} s"
                print(f"  [{r['result']}] {r['case']}: {detail[:160]}")
    return 0 if counts["refused cleanly"] + counts["read cleanly"] == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
