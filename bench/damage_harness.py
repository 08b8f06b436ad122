"""Damage harness: flip random bytes of a plan file and see who notices.

For each trial one byte of a copy of a plan file (the bundled plan with
evaluation texts added, so that text cells are worth hitting) is XOR-ed with
a random non-zero value (fixed seed). Then, on that copy:

* ``check``: :func:`plan_desktop.storage.database.check_file` — what
  ``plan-desktop check`` runs;
* ``backup verification``: :func:`plan_desktop.storage.backup.inspect_backup`
  — what every backup must pass before it replaces an older one;
* ``window``: :func:`plan_desktop.app.create_main_window` — opens, or refuses
  with ``DatabaseOpenError`` (``DamagedFileError``: the recovery dialog is
  offered), or crashes with any other exception;
* ``content``: when the window opened, the plan it shows (as JSON) compared
  with the undamaged plan.

A trial is *silently changed* when check passed, the window opened and the
content differs; *harmless* when check passed and the content is identical
(the flip hit free space or a field nobody reads).

    .venv/bin/python bench/damage_harness.py                # 250 flips, seed 15
    .venv/bin/python bench/damage_harness.py --flips 1000 --seed 3
    PYTHONPATH=/path/to/older/checkout/src .venv/bin/python bench/damage_harness.py   # the same trials on other code

Exit status 0 when no trial crashed and none was silently changed, else 1.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if not os.environ.get("PYTHONPATH"):
    sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def make_sample(target: Path) -> None:
    """The bundled plan plus two years of evaluations with texts on every measure."""
    from plan_desktop.domain.model import Evaluation
    from plan_desktop.storage.database import open_database
    from plan_desktop.storage.repository import PlanRepository

    shutil.copyfile(ROOT / "data" / "plan.sqlite", target)
    db = open_database(target, backups=False)
    repo = PlanRepository(db)
    for i, m in enumerate(repo.load().measures):
        m.evaluations = [Evaluation(fy=fy, rating="ABCD"[(i + fy) % 4], progress="実施中",
                                    achievements=f"説明会を{i + 1}回開催した。参加者は延べ{(i + 1) * 40}人。" * 3,
                                    issues="担い手の不足と高齢化", improvements="ＮＰＯとの連携を強める")
                         for fy in (2023, 2024)]
        repo.save_measure(m)
    db.execute("VACUUM")
    db.close()


def plan_json(doc) -> str:
    from plan_desktop.storage.json_format import to_json

    return json.dumps(to_json(doc.data), ensure_ascii=False, sort_keys=True)


@contextlib.contextmanager
def quiet_message_boxes():
    """Message boxes the window shows while opening (a failed automatic backup) answer at once."""
    from PySide6.QtWidgets import QMessageBox

    saved = {name: QMessageBox.__dict__[name] for name in ("warning", "critical", "information", "question")}
    for name in saved:
        setattr(QMessageBox, name, staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok))
    try:
        yield
    finally:
        for name, box in saved.items():
            setattr(QMessageBox, name, box)


def run(flips: int, seed: int, work: Path, verbose: bool = False) -> dict:
    previous = logging.root.manager.disable
    with quiet_message_boxes():
        try:
            return _run(flips, seed, work, verbose)
        finally:
            logging.disable(previous)  # the test process goes on logging (tests/ui/test_unexpected_errors)


def _run(flips: int, seed: int, work: Path, verbose: bool = False) -> dict:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from plan_desktop.app import create_main_window
    from plan_desktop.storage.backup import inspect_backup
    from plan_desktop.storage.database import DamagedFileError, DatabaseOpenError, check_file

    logging.disable(logging.WARNING)  # "automatic backup failed" for every damaged copy is expected here
    app = QApplication.instance() or QApplication([])
    sample = work / "sample.sqlite"
    make_sample(sample)
    original = sample.read_bytes()
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    w = create_main_window(sample, settings)
    reference = plan_json(w.document)
    w.document.close()
    w.deleteLater()
    app.processEvents()

    rng = random.Random(seed)
    counts: Counter = Counter()
    examples: dict[str, list[str]] = {}
    for trial in range(flips):
        offset, xor = rng.randrange(len(original)), rng.randrange(1, 256)
        raw = bytearray(original)
        raw[offset] ^= xor
        folder = work / f"t{trial}"
        folder.mkdir()
        path = folder / "plan.sqlite"
        path.write_bytes(bytes(raw))
        label = f"offset {offset} xor {xor}"

        try:
            detected = not check_file(path).ok
        except Exception as exc:  # noqa: BLE001 - a crash of the check is a result too
            detected = False
            counts["check crashed"] += 1
            examples.setdefault("check crashed", []).append(f"{label}: {type(exc).__name__}: {exc}")
        counts["detected by check"] += detected
        try:
            counts["detected by backup verification"] += not inspect_backup(path).ok
        except Exception as exc:  # noqa: BLE001
            counts["backup verification crashed"] += 1
            examples.setdefault("backup verification crashed", []).append(f"{label}: {type(exc).__name__}: {exc}")

        window = None
        outcome = ""
        try:
            window = create_main_window(path, settings)
            app.processEvents()
            content = plan_json(window.document)
            outcome = "window opened"
        except DamagedFileError:
            outcome = "window refused, recovery offered"
        except DatabaseOpenError:
            outcome = "window refused with a message"
        except Exception as exc:  # noqa: BLE001
            outcome = "window crashed"
            examples.setdefault(outcome, []).append(f"{label}: {type(exc).__name__}: {str(exc)[:120]}")
        finally:
            if window is not None:
                window.document.close()
                window.deleteLater()
                app.processEvents()
        counts[outcome] += 1
        if outcome == "window opened" and not detected:
            if content != reference:
                counts["silently changed"] += 1
                examples.setdefault("silently changed", []).append(label)
            else:
                counts["harmless"] += 1
        if verbose:
            print(f"{trial:4d} {label:24s} detected={detected!s:5s} {outcome}", flush=True)
        shutil.rmtree(folder, ignore_errors=True)
    return {"flips": flips, "seed": seed, "counts": dict(counts), "examples": {k: v[:5] for k, v in examples.items()}}


ORDER = ["detected by check", "detected by backup verification", "check crashed", "backup verification crashed",
         "window opened", "window refused, recovery offered", "window refused with a message", "window crashed",
         "silently changed", "harmless"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--flips", type=int, default=250)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="plan-damage-") as tmp:
        result = run(args.flips, args.seed, Path(tmp), args.verbose)
    result["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(f"damage harness: {args.flips} single-byte flips, seed {args.seed}")
        for key in ORDER:
            print(f"  {key:34s} {result['counts'].get(key, 0):5d}")
        for key, items in result["examples"].items():
            print(f"  e.g. {key}: " + " | ".join(items[:3]))
        print(f"  {'seconds':34s} {result['seconds']:7.1f}")
    c = result["counts"]
    bad = c.get("window crashed", 0) + c.get("silently changed", 0) + c.get("check crashed", 0) \
        + c.get("backup verification crashed", 0)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
