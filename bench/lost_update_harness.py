"""Lost-update harness: the ways issue 15 found to lose an update, replayed and counted.

Each scenario makes a number of updates (a value someone typed or imported)
and counts how many of them are missing from the file at the end without
anyone having been asked (no conflict reported, no erasure confirmed):

* ``writer while open`` — a document holds the plan (as the window does);
  ``import json``, ``import xlsx --yes``, ``import csv --yes``, ``merge
  --yes``, ``restore`` and ``seed --out`` each try to write it. An update is
  lost when the command wrote behind the document (its change is then
  overwritten by the document's next edit).
* ``outside change`` — another program writes the file behind the document's
  back (a title, the 2024 evaluation of a measure, a deletion); the
  document then edits another measure and undoes it. Lost: the outside change
  gone, a deleted measure back, or the document's own edit gone.
* ``second document`` — two documents on one file: the second must be read
  only; lost: the first one's edit overwritten.
* ``merge orders`` — three copies (A and B edit №3, the secretariat S another
  record later) merged in every order of 4 merges, four copies likewise,
  and a change package cut with a ``--since`` after the last exchange. Lost:
  a copy's text of №3 replaced although that copy held an edit the other had
  not seen, without a conflict.
* ``co-department blanks`` — templates of the lead (コミュニティ推進課) and a
  co-department (デジタル推進課) for the bundled plan, every row filled by
  the department that leads it, imported in both orders with ``--yes``. Lost:
  an answer blanked by the other department's untouched rows (№9, 13, 35
  and 8, 20, 31). An import refused for erasures is applied again with
  ``--allow-erase`` (the only way to get that department's answers in).

    .venv/bin/python bench/lost_update_harness.py          # all scenarios, a summary
    .venv/bin/python bench/lost_update_harness.py --json

Exit status 0 when no update was lost.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import json
import os
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if not os.environ.get("PYTHONPATH"):
    sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FY = 2024


@dataclass
class Scenario:
    name: str
    updates: int = 0  # updates made that must survive
    lost: int = 0
    notes: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ helpers
def _copy(src: Path, target: Path) -> Path:
    shutil.copyfile(src, target)
    return target


def _repo(path: Path):
    from plan_desktop.storage.database import open_database
    from plan_desktop.storage.repository import PlanRepository

    return PlanRepository(open_database(path, backups=False))


def _load(path: Path):
    repo = _repo(path)
    try:
        return repo.load()
    finally:
        repo.db.close()


def _cli(argv: list[str]) -> tuple[int, str]:
    """Run one command line in this process, without a terminal; (exit status, stderr)."""
    from plan_desktop.cli import main

    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err), \
            contextlib.ExitStack() as stack:
        saved = sys.stdin
        sys.stdin = io.StringIO("")
        stack.callback(lambda: setattr(sys, "stdin", saved))
        code = main(argv)
    return code, err.getvalue()


def _edit(path: Path, no: int, **changes) -> None:
    from plan_desktop.storage.repository import touched

    repo = _repo(path)
    try:
        repo.save_measure(touched(repo.load().measure_by_no(no), **changes))
    finally:
        repo.db.close()


# ------------------------------------------------------------------ scenarios
def writers_while_open(plan: Path, work: Path) -> Scenario:
    from openpyxl import load_workbook

    from plan_desktop.document.plan_document import PlanDocument

    s = Scenario("writer while open")

    def xlsx(db, d):
        x = d / "p.xlsx"
        _cli(["export", "xlsx", "--db", str(db), "-o", str(x)])
        wb = load_workbook(x)
        ws = wb["推進事項"]
        ws.cell(3, next(c.column for c in ws[2] if c.value == "名称")).value = "取り込みで変えた名称"
        wb.save(x)
        return ["import", "xlsx", str(x), "--db", str(db), "--yes"]

    def csv(db, d):
        c = d / "p.csv"
        _cli(["export", "csv", "--db", str(db), "-o", str(c), "--sheet", "推進事項"])
        first = _load(db).measures[0].title
        c.write_text(c.read_text(encoding="utf-8-sig").replace(first, "CSVで変えた名称", 1), encoding="utf-8-sig")
        return ["import", "csv", str(c), "--db", str(db), "--yes"]

    def js(db, d):
        j = d / "p.json"
        _cli(["export", "json", "--db", str(db), "-o", str(j)])
        j.write_text(j.read_text(encoding="utf-8").replace(_load(db).measures[0].title, "JSONで変えた名称", 1),
                     encoding="utf-8")
        return ["import", "json", str(j), "--db", str(db)]

    def merge(db, d):
        other = _copy(db, d / "other.sqlite")
        _edit(other, 1, title="相手で変えた名称")
        return ["merge", str(other), "--db", str(db), "--yes"]

    def restore(db, d):
        _cli(["backup", "--db", str(db)])
        return ["restore", "--db", str(db), "1"]

    def seed(db, d):
        return ["seed", "--out", str(db)]

    for i, (name, make) in enumerate((("import json", js), ("import xlsx --yes", xlsx), ("import csv --yes", csv),
                                      ("merge --yes", merge), ("restore", restore), ("seed --out", seed))):
        d = work / f"writer-{i}"
        d.mkdir()
        db = _copy(plan, d / "plan.sqlite")
        argv = make(db, d)
        before = db.read_bytes()
        doc = PlanDocument.open(db)
        try:
            code, err = _cli(argv)
            s.updates += 1
            wrote = db.read_bytes() != before
            if wrote or code != 1 or "既に使用中" not in err:
                s.lost += 1
                s.notes.append(f"{name}: exit {code}, file {'changed' if wrote else 'unchanged'}")
            m = doc.data.measures[1]
            try:
                doc.update_measure(m.id, "t", title="窓での変更")
            except Exception as exc:  # older code: the window's edit failed after the command wrote
                s.notes.append(f"{name}: the window's edit failed ({type(exc).__name__})")
        finally:
            doc.close()
        s.updates += 1
        if _load(db).measures[1].title != "窓での変更":
            s.lost += 1
            s.notes.append(f"{name}: the window's edit is gone")
    return s


def outside_change(plan: Path, work: Path) -> Scenario:
    from plan_desktop.document.plan_document import PlanDocument
    from plan_desktop.domain.model import Evaluation

    s = Scenario("outside change")
    db = _copy(plan, work / "outside.sqlite")
    doc = PlanDocument.open(db)
    try:
        data = doc.data
        first, last = data.measures[0], data.measures[-1]
        # another program (a database tool, an older version) writes behind the document
        repo = _repo(db)
        m = repo.load().measure_by_no(first.no)
        m.title = "外で変えた名称"
        m.evaluations = [Evaluation(fy=FY, achievements="外で入力した実績")]
        repo.save_measure(m)
        repo.delete_measure(last.id)
        repo.db.close()
        # the document's next edits: the same measure, then the one deleted outside
        doc.update_measure(first.id, "t", content="窓で入力した推進内容")
        with contextlib.suppress(Exception):  # refused now (it is gone); before, it came back
            doc.update_measure(last.id, "t", content="削除された推進事項への入力")
        doc.update_measure(first.id, "t", issue="窓で入力した課題")
        doc.undo() if hasattr(doc, "undo") else doc.undo_stack.undo()  # older code: the Qt stack only
    finally:
        doc.close()
    after = _load(db)
    one = after.measure_by_no(first.no)
    checks = {
        "the outside title": one.title == "外で変えた名称",
        "the outside 2024 evaluation": (one.evaluation_for(FY) or Evaluation(fy=FY)).achievements == "外で入力した実績",
        "the outside deletion": all(x.id != last.id for x in after.measures),
        "one measure per №": len({x.no for x in after.measures}) == len(after.measures),
        "the window's edit": one.content == "窓で入力した推進内容",
    }
    s.updates = len(checks)
    for what, ok in checks.items():
        if not ok:
            s.lost += 1
            s.notes.append(f"lost: {what}")
    return s


def second_document(plan: Path, work: Path) -> Scenario:
    from plan_desktop.document.plan_document import PlanDocument

    s = Scenario("second document", updates=1)
    db = _copy(plan, work / "two.sqlite")
    a = PlanDocument.open(db)
    b = PlanDocument.open(db)
    try:
        m = a.data.measures[0]
        a.update_measure(m.id, "t", title="一つ目の窓の変更")
        if not b.readonly:
            s.notes.append("the second document is writable")
            with contextlib.suppress(Exception):
                b.update_measure(m.id, "t", content="二つ目の窓の変更")
    finally:
        b.close()
        a.close()
    if _load(db).measures[0].title != "一つ目の窓の変更":
        s.lost += 1
    return s


def merge_orders(plan: Path, work: Path) -> Scenario:
    """Every merge order of three and four copies, against a model of who has seen which edit."""
    from plan_desktop.exchange.apply import apply_to_repository
    from plan_desktop.exchange.merge import CONFLICT, plan_for_repository
    from plan_desktop.exchange.merge_sources import load_source

    s = Scenario("merge orders")
    record = 3

    def merge(ours: Path, other: Path) -> str | None:
        repo = _repo(ours)
        try:
            data = repo.load()
            p = plan_for_repository(repo, load_source(other), data)
            mid = data.measure_by_no(record).id
            found = [i.action for i in p.items if i.measure_id == mid and i.fy is None]
            apply_to_repository(repo, p.batch(data), reason="merge")
            return found[0] if found else None
        finally:
            repo.db.close()

    def run(names, edits, merges, tag):
        d = work / tag
        d.mkdir()
        paths = {n: _copy(plan, d / f"{n}.sqlite") for n in names}
        seen = {n: frozenset({"base"}) for n in names}
        for name, no, text in edits:
            _edit(paths[name], no, content=text)
            if no == record:
                seen[name] |= {text}
        for x, y in merges:
            ours_before = _load(paths[x]).measure_by_no(record).content
            action = merge(paths[x], paths[y])
            after = _load(paths[x]).measure_by_no(record).content
            s.updates += 1
            # x held an edit y had not seen: replacing x's text without a conflict loses it
            if after != ours_before and not seen[x] <= seen[y] and action != CONFLICT:
                s.lost += 1
                s.notes.append(f"{tag}: {x}←{y} replaced {x}'s edit without a conflict")
            if after != ours_before or action == CONFLICT:
                seen[x] = seen[x] | seen[y]

    three = [("A", record, "A の推進内容"), ("B", record, "B の推進内容"), ("S", 4, "事務局の変更")]
    for i, order in enumerate(itertools.permutations([("A", "S"), ("B", "S"), ("A", "B"), ("B", "A")])):
        run(["A", "B", "S"], three, order, f"three-{i}")
    four = [*three, ("D", record, "D の推進内容")]
    for i, order in enumerate(itertools.permutations([("S", "A"), ("D", "S"), ("B", "D"), ("A", "B")])):
        run(["A", "B", "S", "D"], four, order, f"four-{i}")
    # a change package cut with a --since later than the last exchange
    import datetime as dt

    from plan_desktop.exchange.package import write_package
    from plan_desktop.storage.sync_store import read_tombstones

    d = work / "package"
    d.mkdir()
    a, b = _copy(plan, d / "A.sqlite"), _copy(plan, d / "B.sqlite")
    _edit(a, record, content="A の推進内容")
    _edit(b, record, content="B の推進内容")
    repo = _repo(b)
    package = d / "b.json"
    since = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    try:
        from plan_desktop.storage.versions import read_versions
    except ImportError:  # code from before version histories (PYTHONPATH=older checkout)
        write_package(repo.load(), read_tombstones(repo), since, package)
    else:
        write_package(repo.load(), read_tombstones(repo), since, package, read_versions(repo.db))
    repo.db.close()
    action = merge(a, package)
    s.updates += 1
    if _load(a).measure_by_no(record).content != "A の推進内容" or action != CONFLICT:
        s.lost += 1
        s.notes.append(f"package --since: {action}")
    return s


def co_department_blanks(plan: Path, work: Path) -> Scenario:
    from openpyxl import load_workbook

    from plan_desktop.exchange.columns import evaluation_columns
    from plan_desktop.exchange.sheets import resolve_department
    from plan_desktop.exchange.xlsx_export import export_template

    s = Scenario("co-department blanks")
    lead, co = "コミュニティ推進課", "デジタル推進課"
    for order in ((lead, co), (co, lead)):
        d = work / f"blanks-{order[0]}"
        d.mkdir()
        db = _copy(plan, d / "plan.sqlite")
        data = _load(db)
        cols = [c for c in evaluation_columns(data, template=True) if c.kind not in ("info", "id", "int")
                and c.key not in ("no", "fy")]
        typed: dict[tuple[int, str], str] = {}
        files = {}
        for dept in (lead, co):
            name = resolve_department(data, dept)
            out = d / f"{dept}.xlsx"
            export_template(data, name, out, fy=FY)
            wb = load_workbook(out)
            ws = wb["評価"]
            head = {c.value: c.column for c in ws[2]}
            for r in range(3, ws.max_row + 1):
                no = ws.cell(r, head["№"]).value
                if no is None or data.measure_by_no(no).departments[0] != name:
                    continue  # rows this department does not lead stay as sent
                for c in cols:
                    value = {"rating": "B", "choice": c.choices[-1] if c.choices else None,
                             "date": "2025-04-30"}.get(c.kind, f"{dept}（№{no} {c.header}）")
                    ws.cell(r, head[c.header]).value = value
                    typed[(no, c.key)] = value
            wb.save(out)
            files[dept] = out
        for dept in order:
            argv = ["import", "xlsx", str(files[dept]), "--db", str(db), "--yes"]
            code, err = _cli(argv)
            if code != 0 and "--allow-erase" in err:
                # refused for erasures: the only way to get this department's answers in erases
                s.notes.append(f"{' → '.join(order)}: {dept} refused for erasures; applied with --allow-erase")
                code, err = _cli([*argv, "--allow-erase"])
            if code != 0:
                s.notes.append(f"{' → '.join(order)}: importing {dept} refused: {err.strip()[:120]}")
        after = _load(db)
        for (no, key), value in typed.items():
            s.updates += 1
            e = after.measure_by_no(no).evaluation_for(FY)
            if e is None or str(getattr(e, key) or "") != value:
                s.lost += 1
    return s


SCENARIOS = (writers_while_open, outside_change, second_document, merge_orders, co_department_blanks)


def run(work: Path) -> list[Scenario]:
    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication([])
    plan = work / "plan.sqlite"
    shutil.copyfile(ROOT / "data" / "plan.sqlite", plan)
    _repo(plan).db.close()  # migrated once
    out = []
    for scenario in SCENARIOS:
        d = work / scenario.__name__
        d.mkdir()
        out.append(scenario(plan, d))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lost-updates-") as tmp:
        results = run(Path(tmp))
    if args.json:
        print(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1))
    else:
        for r in results:
            print(f"{r.name:22} updates {r.updates:4}  lost {r.lost:3}")
            for n in r.notes[:10]:
                print(f"    {n}")
        print(f"{'total':22} updates {sum(r.updates for r in results):4}  lost {sum(r.lost for r in results):3}")
    return 0 if not any(r.lost for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
