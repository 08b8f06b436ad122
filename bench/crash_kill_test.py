"""Crash-safety kill test: SIGKILL a writer inside its work, then check the file.

A child process edits a small plan through the storage API (measure edits,
schedule cells, evaluation saves, multi-write batches in one transaction,
whole-plan imports via ``replace_all``, and now and then a backup). Before
each operation it prints ``S <seq> <effects>``; only after the commit has
returned it prints ``C <seq>``.

Most kills land at a chosen point, independent of machine speed: the child
stops just before its n-th SQL statement (counted from opening the file, or
from the start of its edits) and says ``P``; the parent records what is on
disk at that moment (a hot journal, pages of the file already overwritten by
the unfinished transaction, the operation started but not committed) and
kills it there. The rest land after a random delay, to reach the moments no
statement boundary marks (inside a commit, a rollback, a backup copy). With
the same seed every run picks the same kill points. After each kill the
parent opens the file the way the app does (which rolls back a hot journal)
and checks:

* ``PRAGMA integrity_check`` is ``ok`` and ``foreign_key_check`` is empty;
* every operation reported committed is present;
* the one operation in flight at the kill is either wholly present (it
  committed just before the kill) or wholly absent — never half;
* every finished backup file passes its check (unfinished ones are ``.tmp``).

Some children run with a tiny page cache, so that their bigger transactions
spill pages into the file before the commit: killed there, the file holds
uncommitted pages that only the journal can undo.

By default children are forked from this process (cheap, so hundreds of kills
fit in a minute); ``--exec`` starts a fresh interpreter for each child.

    python bench/crash_kill_test.py --kills 200
    python bench/crash_kill_test.py --kills 5000 --max-delay-ms 200 --exec

``--sabotage early-report|split-batch`` makes the child lie (report before
committing / run a batch as separate transactions) to show that the checker
catches lost and half-applied edits; those runs are expected to fail.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import select
import signal
import struct
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from plan_desktop.domain.model import (  # noqa: E402
    ActionBlock,
    ActionItem,
    Evaluation,
    Measure,
    Phase,
    Plan,
    PlanData,
    Proposal,
    ScheduleEntry,
    Viewpoint,
)
from plan_desktop.storage import database  # noqa: E402
from plan_desktop.storage.backup import BackupPolicy, inspect_backup, list_backups  # noqa: E402
from plan_desktop.storage.repository import PlanRepository  # noqa: E402

FY = (2024, 2028)
PHASES = ("準備", "試行", "実施", "検証・策定")
REPLACE = "__replace__"


# ------------------------------------------------------------------ the plan
def small_plan(tag: str, rng: random.Random, n_measures: int = 6) -> PlanData:
    """A plan small enough that one import is a handful of pages."""
    plan = Plan(title=f"計画 {tag}", fy_start=FY[0], fy_end=FY[1])
    measures = []
    for i in range(n_measures):
        fys = list(range(FY[0], FY[1] + 1))
        measures.append(Measure(
            no=i + 1, title=f"{tag} 推進事項{i + 1}", viewpoint=1 + i % 2, departments=[f"課{i % 3}"],
            proposals={1: "◎"} if i % 2 else {}, content=f"{tag} 内容{i}",
            action_plan=[ActionBlock(FY[0], FY[1], [ActionItem(f"{tag} 項目{i}", [f"細目{i}"])])],
            schedule=[ScheduleEntry(fy, rng.choice(PHASES)) for fy in fys[: 1 + i % len(fys)]],
            evaluations=[Evaluation(fy=FY[0], achievements=f"{tag} 実績{i}")],
        ))
    return PlanData(plan=plan, proposals=[Proposal(1, "提言1")],
                    viewpoints=[Viewpoint(1, "視点1"), Viewpoint(2, "視点2")],
                    measures=measures, phases=[Phase(p) for p in PHASES])


def snapshot(conn) -> dict[str, str]:
    """The tracked content of the file: plan title, measure titles/contents, evaluations, schedule."""
    out = {"plan": conn.execute("SELECT title FROM plan").fetchone()[0]}
    for mid, title, content in conn.execute("SELECT id, title, content FROM measures"):
        out[f"m:{mid}"] = title
        out[f"c:{mid}"] = content
    for mid, fy, ach in conn.execute("SELECT measure_id, fy, achievements FROM evaluations"):
        out[f"e:{mid}:{fy}"] = ach
    for mid, fy, phase in conn.execute(
            "SELECT s.measure_id, s.fy, p.name FROM schedule s JOIN phases p ON p.id = s.phase_id"):
        out[f"s:{mid}:{fy}"] = phase
    return out


def model_snapshot(data: PlanData) -> dict[str, str]:
    out = {"plan": data.plan.title}
    for m in data.measures:
        out[f"m:{m.id}"] = m.title
        out[f"c:{m.id}"] = m.content
        for e in m.evaluations:
            out[f"e:{m.id}:{e.fy}"] = e.achievements
        for s in m.schedule:
            out[f"s:{m.id}:{s.fy}"] = s.phase
    return out


def apply_delta(state: dict[str, str], delta: dict) -> dict[str, str]:
    if REPLACE in delta:
        return dict(delta[REPLACE])
    out = dict(state)
    for key, value in delta.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


# ----------------------------------------------------------------- the child
@dataclass(frozen=True)
class KillPoint:
    """Where a child stops to be killed: before its *n*-th SQL statement of *phase*.

    *phase* ``open`` counts from opening the file, ``work`` from the first edit.
    """

    phase: str
    n: int

    def arg(self) -> str:
        return f"{self.phase}:{self.n}"

    @classmethod
    def parse(cls, text: str) -> KillPoint | None:
        if not text:
            return None
        phase, n = text.split(":")
        return cls(phase, int(n))


def _stop_at(point: KillPoint | None, say, cache_pages: int) -> dict:
    """Count the statements of the connection the app opens; stop before the chosen one."""
    counter = {"all": 0, "ready_at": None}
    real_connect = database.connect

    def trace(sql: str) -> None:
        counter["all"] += 1
        if point is None:
            return
        ready_at = counter["ready_at"]
        n = counter["all"] if point.phase == "open" else (counter["all"] - ready_at if ready_at is not None else -1)
        if n == point.n:
            say(f"P {counter['all']} {(sql.split(None, 1) or ['-'])[0]}")
            while True:  # wait for the SIGKILL
                signal.pause()

    def connect(*args, **kwargs):
        conn = real_connect(*args, **kwargs)
        if cache_pages:
            conn.execute(f"PRAGMA cache_size = {int(cache_pages)}")
        conn.set_trace_callback(trace)
        return conn

    database.connect = connect
    return counter


def child_main(path: Path, seed: int, seq: int, out, sabotage: str = "", point: KillPoint | None = None,
               cache_pages: int = 0) -> None:
    """Edit forever; the parent kills us."""
    rng = random.Random(seed)
    policy = BackupPolicy(keep_recent=3, keep_monthly=0)

    def say(line: str) -> None:
        out.write(line + "\n")
        out.flush()

    counter = _stop_at(point, say, cache_pages)
    say("OPENING")  # kills from here on may land in the rollback of the previous kill's journal
    db = database.open_database(path, backups=policy)
    repo = PlanRepository(db)
    data = repo.load()
    counter["ready_at"] = counter["all"]
    say("READY")
    ops = ["edit", "eval", "phase", "batch", "import", "backup"]
    weights = [30, 25, 20, 15, 8, 2] if sabotage != "split-batch" else [0, 0, 0, 1, 0, 0]
    while True:
        seq += 1
        op = rng.choices(ops, weights)[0]
        m = rng.choice(data.measures)
        fy = rng.randint(*FY)
        steps = []  # callables, each a repository write
        delta: dict = {}
        if op == "edit":
            m.title, m.content = f"T{seq}", f"C{seq} " + "あ" * rng.randint(0, 300)
            steps.append(lambda m=m: repo.save_measure(m))
            delta = {f"m:{m.id}": m.title, f"c:{m.id}": m.content}
        elif op == "eval":
            e = Evaluation(fy=fy, achievements=f"E{seq}")
            m.evaluations = sorted([x for x in m.evaluations if x.fy != fy] + [e], key=lambda x: x.fy)
            steps.append(lambda m=m, e=e: repo.save_evaluation(m.id, e))
            delta = {f"e:{m.id}:{fy}": e.achievements}
        elif op == "phase":
            phase = rng.choice([*PHASES, None])
            m.schedule = sorted([s for s in m.schedule if s.fy != fy] + ([ScheduleEntry(fy, phase)] if phase else []),
                                key=lambda s: s.fy)
            steps.append(lambda m=m, fy=fy, phase=phase: repo.set_phase(m.id, fy, phase))
            delta = {f"s:{m.id}:{fy}": phase}
        elif op == "batch":
            # Like a document command: several writes, one transaction.
            m2 = rng.choice(data.measures)
            m.title = f"B{seq}"
            e = Evaluation(fy=fy, achievements=f"BE{seq}")
            m2.evaluations = sorted([x for x in m2.evaluations if x.fy != fy] + [e], key=lambda x: x.fy)
            phase = rng.choice(PHASES)
            m2.schedule = sorted([s for s in m2.schedule if s.fy != fy] + [ScheduleEntry(fy, phase)],
                                 key=lambda s: s.fy)
            steps += [lambda m=m: repo.save_measure(m),
                      lambda m2=m2, e=e: repo.save_evaluation(m2.id, e),
                      lambda m2=m2, fy=fy, phase=phase: repo.set_phase(m2.id, fy, phase)]
            delta = {f"m:{m.id}": m.title, f"e:{m2.id}:{fy}": e.achievements, f"s:{m2.id}:{fy}": phase}
        elif op == "import":
            data = small_plan(f"I{seq}", rng, n_measures=rng.randint(3, 8))
            steps.append(lambda d=data: repo.replace_all(d, summary="kill test import"))
            delta = {REPLACE: model_snapshot(data)}
        else:
            steps.append(lambda: db.backup_now("manual"))
        say(f"S {seq} {json.dumps(delta, ensure_ascii=False)}")
        if sabotage == "early-report":
            say(f"C {seq}")
        if sabotage == "split-batch" or len(steps) == 1:
            for step in steps:
                step()
        else:
            with db.atomic():
                for step in steps:
                    step()
        if sabotage != "early-report":
            say(f"C {seq}")


# ---------------------------------------------------------------- the parent
@dataclass
class Result:
    kills: int = 0
    committed_ops: int = 0
    integrity_failures: int = 0
    lost_committed_edits: int = 0  # tracked values of reported-committed ops missing after a kill
    partial_transactions: int = 0  # kills after which the state matched neither before nor after the op in flight
    inflight_at_kill: int = 0
    inflight_found_committed: int = 0  # committed, but killed before it could report
    inflight_found_absent: int = 0
    killed_before_ready: int = 0
    journals_left_by_kill: int = 0
    # kills at a chosen statement (see KillPoint) and what was on disk at that moment
    kills_at_statement: int = 0
    stopped_before_ready: int = 0
    stopped_in_work: int = 0
    stopped_with_op_in_flight: int = 0  # an operation id seen started, not committed
    hot_journal_at_kill: int = 0  # of those stopped in work: the op in flight had written its journal
    file_overwritten_at_kill: int = 0  # ...and uncommitted pages were in the file: only the journal can undo them
    kills_after_delay: int = 0
    harness_failures: int = 0
    bad_backups: int = 0
    backups_checked: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.integrity_failures or self.lost_committed_edits or self.partial_transactions
                    or self.bad_backups or self.harness_failures)


def _parse(text: str) -> tuple[bool, list[tuple[int, dict]], set[int]]:
    ready = False
    started: list[tuple[int, dict]] = []
    committed: set[int] = set()
    for line in text.split("\n")[:-1]:  # the last piece is incomplete (or empty)
        if line == "READY":
            ready = True
        elif line.startswith("S "):
            _, seq, payload = line.split(" ", 2)
            started.append((int(seq), json.loads(payload)))
        elif line.startswith("C "):
            committed.add(int(line.split(" ", 1)[1]))
    return ready, started, committed


def _read_until(fd: int, deadline: float, buf: bytearray) -> None:
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                return
            buf += chunk


def _read_until_line(fd: int, marker: bytes, deadline: float, buf: bytearray) -> float | None:
    """Read until a line *marker* arrives; returns when it did (monotonic), None on timeout/EOF."""
    while marker + b"\n" not in buf:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                return None
            buf += chunk
    return time.monotonic()


def _drain(fd: int, buf: bytearray) -> None:
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            return
        buf += chunk


def _read_until_stop(fd: int, deadline: float, buf: bytearray) -> bool:
    """Read until the child says it stopped at its kill point (``P ...``); False on timeout/EOF."""
    while not _STOPPED.search(buf):
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                return False
            buf += chunk
    return True


_STOPPED = re.compile(rb"(?:^|\n)P [^\n]*\n")
_JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


def overwritten_pages(path: Path) -> int:
    """Pages of *path* that differ from their original image in its rollback journal.

    Non-zero means the unfinished transaction already wrote into the file and
    only the journal can put it back.
    """
    journal = database.journal_path(path)
    try:
        jr = journal.read_bytes()
        db = path.read_bytes()
    except OSError:
        return 0
    if len(jr) < 28 or jr[:8] != _JOURNAL_MAGIC:
        return 0
    n_rec, _nonce, _pages, sector, page_size = struct.unpack(">IIIII", jr[8:28])
    if not page_size or not sector:
        return 0
    changed = 0
    pos = sector
    for _ in range(n_rec if n_rec != 0xFFFFFFFF else 1 << 30):
        if pos + 4 + page_size + 4 > len(jr):
            break
        pgno = struct.unpack(">I", jr[pos:pos + 4])[0]
        original = jr[pos + 4:pos + 4 + page_size]
        now = db[(pgno - 1) * page_size:pgno * page_size]
        changed += now != original
        pos += 4 + page_size + 4
    return changed


def _spawn(path: Path, seed: int, seq: int, use_exec: bool, sabotage: str, point: KillPoint | None = None,
           cache_pages: int = 0) -> tuple[int, int, object]:
    """Start a child; returns (pid, read fd, handle)."""
    if use_exec:
        proc = subprocess.Popen([sys.executable, __file__, "--child", str(path), str(seed), str(seq),
                                 "--sabotage", sabotage, "--stop-at", point.arg() if point else "",
                                 "--cache-pages", str(cache_pages)], stdout=subprocess.PIPE, bufsize=0)
        return proc.pid, proc.stdout.fileno(), proc
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(r)
        code = 0
        try:
            child_main(path, seed, seq, os.fdopen(w, "w", encoding="utf-8"), sabotage, point, cache_pages)
        except BaseException:  # noqa: BLE001 - a child must never return into the parent's code
            import traceback

            traceback.print_exc()
            code = 3
        os._exit(code)
    os.close(w)
    return pid, r, None


def _check_backups(path: Path, policy: BackupPolicy, result: Result) -> None:
    for info in list_backups(path, policy):
        result.backups_checked += 1
        summary = inspect_backup(info.path)
        if not summary.ok:
            result.bad_backups += 1
            result.failures.append(f"bad backup {info.path.name}: {summary.problem}")


def choose_kill(rng: random.Random) -> tuple[KillPoint | None, int]:
    """(kill point or None for a kill after a random delay, page cache size of the child)."""
    r = rng.random()
    if r < 0.15:
        return KillPoint("open", rng.randint(1, 12)), 0
    if r < 0.75:
        return KillPoint("work", rng.randint(1, 150)), rng.choice([0, 10])
    return None, 0


def run(kills: int, *, seed: int = 1, workdir: Path | None = None, max_delay_ms: float = 60.0,
        use_exec: bool = False, sabotage: str = "", progress: bool = False) -> Result:
    rng = random.Random(seed)
    tmp = None
    if workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="kill-test-")
        workdir = Path(tmp.name)
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / "plan.sqlite"
    policy = BackupPolicy(keep_recent=3, keep_monthly=0)
    db = database.open_database(path, backups=False)
    PlanRepository(db).replace_all(small_plan("init", rng))
    state = snapshot(db.conn)
    db.close()
    result = Result()
    seq = 0
    start = time.monotonic()
    for k in range(kills):
        point, cache_pages = choose_kill(rng)
        child_seed = rng.randrange(1 << 30)
        open_share, delay = rng.random(), rng.uniform(0, max_delay_ms) / 1000
        pid, fd, proc = _spawn(path, child_seed, seq, use_exec, sabotage, point, cache_pages)
        buf = bytearray()
        hot_journal = overwritten = False
        if point is not None:
            result.kills_at_statement += 1
            # A hang detector only: the child reaches its kill point after a few statements.
            if _read_until_stop(fd, time.monotonic() + 120, buf):
                journal = database.journal_path(path)
                hot_journal = journal.exists() and journal.stat().st_size > 0
                overwritten = overwritten_pages(path) > 0
            else:
                result.harness_failures += 1
                result.failures.append(f"kill {k}: the child never reached {point}")
        else:
            # One kill in five lands while the child opens the file (journal rollback,
            # checks, backup); the rest while it edits.
            result.kills_after_delay += 1
            at = _read_until_line(fd, b"OPENING", time.monotonic() + 60, buf)
            if at is not None and open_share < 0.2:
                _read_until(fd, at + delay / 4, buf)
            elif at is not None:
                at = _read_until_line(fd, b"READY", time.monotonic() + 60, buf)
                if at is not None:
                    _read_until(fd, at + delay, buf)
        os.kill(pid, signal.SIGKILL)
        if proc is not None:
            proc.wait()
        else:
            _, status = os.waitpid(pid, 0)
            if os.WIFEXITED(status):  # it died on its own: a bug in the child, not a kill
                _drain(fd, buf)
                os.close(fd)
                raise RuntimeError(f"child exited with {os.WEXITSTATUS(status)} before the kill")
        _drain(fd, buf)
        if proc is None:
            os.close(fd)
        result.kills += 1
        ready, started, committed = _parse(buf.decode("utf-8", "replace"))
        result.killed_before_ready += not ready
        stopped = point is not None and _STOPPED.search(buf) is not None
        if database.journal_path(path).exists():
            result.journals_left_by_kill += 1
        # Committed ops in order; at most one started op is not (yet) reported.
        inflight = None
        for s_seq, delta in started:
            seq = max(seq, s_seq)
            if s_seq in committed:
                state = apply_delta(state, delta)
                result.committed_ops += 1
            else:
                inflight = (s_seq, delta)
        # Open as the app does: hot journal rolled back, header and quick_check verified.
        try:
            db = database.open_database(path, backups=False)
        except database.DatabaseOpenError as exc:
            result.integrity_failures += 1
            result.failures.append(f"kill {k}: cannot open: {exc}")
            break
        try:
            rows = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()]
            fk = db.execute("PRAGMA foreign_key_check").fetchall()
            if rows != ["ok"] or fk:
                result.integrity_failures += 1
                result.failures.append(f"kill {k}: integrity {rows[:3]} fk {fk[:3]}")
            actual = snapshot(db.conn)
        finally:
            db.close()
        if inflight is not None:
            result.inflight_at_kill += 1
        if stopped:
            result.stopped_before_ready += not ready
            result.stopped_in_work += ready
            result.stopped_with_op_in_flight += ready and inflight is not None
            result.hot_journal_at_kill += ready and hot_journal
            result.file_overwritten_at_kill += ready and overwritten
        if actual == state:
            if inflight is not None:
                result.inflight_found_absent += 1
        elif inflight is not None and actual == apply_delta(state, inflight[1]):
            result.inflight_found_committed += 1
            state = actual
        else:
            missing = [key for key, value in state.items() if actual.get(key) != value]
            if inflight is not None:
                expected_after = apply_delta(state, inflight[1])
                missing = [key for key in missing if actual.get(key) != expected_after.get(key)]
            if missing:
                result.lost_committed_edits += len(missing)
            if inflight is not None or not missing:
                result.partial_transactions += 1
            result.failures.append(f"kill {k}: state differs ({len(missing)} committed values missing), "
                                   f"in flight: {inflight}")
            state = actual  # carry on from what is there
        if k % 25 == 24 or k == kills - 1:
            _check_backups(path, policy, result)
        if progress and k % 50 == 49:
            print(f"{k + 1} kills, {result.committed_ops} committed ops, failures: {len(result.failures)}",
                  file=sys.stderr)
    result.seconds = round(time.monotonic() - start, 2)
    if tmp is not None:
        tmp.cleanup()
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--kills", type=int, default=200)
    p.add_argument("--seed", type=int, default=1, help="same seed, same kill points (default 1)")
    p.add_argument("--dir", type=Path, help="work folder (default: a temporary one)")
    p.add_argument("--max-delay-ms", type=float, default=60.0, help="kill within this long after the start")
    p.add_argument("--exec", action="store_true", help="fresh interpreter per child instead of fork")
    p.add_argument("--sabotage", choices=["", "early-report", "split-batch"], default="")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--child", nargs=3, metavar=("DB", "SEED", "SEQ"), help=argparse.SUPPRESS)
    p.add_argument("--stop-at", default="", help=argparse.SUPPRESS)
    p.add_argument("--cache-pages", type=int, default=0, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        child_main(Path(args.child[0]), int(args.child[1]), int(args.child[2]),
                   open(sys.stdout.fileno(), "w", encoding="utf-8", closefd=False), args.sabotage,
                   KillPoint.parse(args.stop_at), args.cache_pages)
        return 0
    result = run(args.kills, seed=args.seed, workdir=args.dir, max_delay_ms=args.max_delay_ms,
                 use_exec=args.exec, sabotage=args.sabotage, progress=not args.json)
    if args.json:
        print(json.dumps({**asdict(result), "ok": result.ok, "seed": args.seed}, ensure_ascii=False))
    else:
        for key, value in asdict(result).items():
            if key != "failures":
                print(f"{key:28} {value}")
        for failure in result.failures[:20]:
            print("FAIL", failure)
        print("OK" if result.ok else "FAILED", f"(seed {args.seed})")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
