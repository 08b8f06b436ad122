"""Lay out one long report in several processes at once, then join the parts.

A batch of evaluation sheets is a sequence of independent sheets, each
starting on a new page; only the page numbers (「12 / 73」, the table of
contents) and the links and bookmarks depend on the rest of the document.
:func:`build_in_parts` therefore lays out consecutive parts of the story in
forked processes (one per core), each with reportlab as usual:

1. every part is laid out; its canvas draws page numbers as forms and its
   links as named destinations (see :class:`.base.PartLink`);
2. when a part is laid out, it reports its page count and the pages of its
   anchors; once every part has, each learns where its pages start, the total
   and the page of every anchor (:class:`.base.PartNumbers`), defines those
   forms and writes its PDF;
3. :func:`.pdf_join.join_parts` makes one PDF of the parts: the same pages,
   text, links and bookmarks as the document made in one piece (tests compare
   the two), with a font subset per part.

The parent process lays out the first part itself, so one part costs no
process. Forking needs a POSIX system; :func:`cores_for_parts` says 1 (one
piece, no processes) elsewhere, and for processes that run Qt or threads,
which must not fork.
"""

from __future__ import annotations

import os
import pickle
import signal
import struct
import sys
import traceback
from collections.abc import Callable

from .base import PartLink, PartNumbers, ReportResult
from .fonts import MissingGlyphs
from .pdf_join import OutlineEntry, Part, join_parts

__all__ = ["PartFailed", "build_in_parts", "cores_for_parts", "runnable_elsewhere"]


class PartFailed(RuntimeError):
    """A part's process failed; ``str()`` carries its traceback."""


def cores_for_parts(asked: int | None = None) -> int:
    """How many processes to lay out parts in: *asked*, or by default the cores
    this process may use that are idle; 1 (one piece) where a plain Python
    process cannot fork safely (not Linux, or Qt loaded: a Qt application has
    threads).

    Idle: the cores less the processes busy elsewhere, counted twice — over
    the last minute (the load average) and right now (the runnable tasks
    other than this one, from ``/proc/loadavg``) — taking the smaller count.
    The load average alone says a core is busy for a minute after a process
    ended (a previous print, a benchmark's other command), and would make
    the next print run in one piece on an idle machine; the instant count
    alone may catch a short spike. Parts cost a process and a font subset
    each; on cores that really are busy with other work they only add that
    cost (measured on a 2-core machine at load 5-6: 2.9 s in parts against
    2.5 s in one piece)."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork") or "PySide6.QtCore" in sys.modules:
        return 1
    if asked is not None:
        return max(1, asked)
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    try:
        busy = int(os.getloadavg()[0])
    except (AttributeError, OSError):
        busy = 0
    running = runnable_elsewhere()
    if running is not None:
        busy = min(busy, running)
    return max(1, cores - busy)


def runnable_elsewhere(loadavg: str = "/proc/loadavg") -> int | None:
    """Tasks runnable right now other than this one (the 4th field of
    ``/proc/loadavg``, "running/total", counts the reader too); None where unknown."""
    try:
        with open(loadavg, encoding="ascii") as f:
            running = f.read().split()[3].split("/")[0]
        return max(0, int(running) - 1)
    except (OSError, IndexError, ValueError):
        return None


# ------------------------------------------------------------------ messages
def _send(fd: int, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(struct.pack("<Q", len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _read_exactly(fd: int, n: int) -> bytes:
    chunks = []
    while n:
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            raise EOFError("the other process ended")
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _receive(fd: int) -> tuple:
    (n,) = struct.unpack("<Q", _read_exactly(fd, 8))
    message = pickle.loads(_read_exactly(fd, n))
    if message[0] == "error":
        raise PartFailed(message[1])
    return message


# ------------------------------------------------------------------ font warnings
class _LoggedMissing(MissingGlyphs):
    """Font warnings of a part, logged in order with the phase they came in
    (0: building the story, 1: laying it out), to be merged in the order the
    document made in one piece meets them."""

    def __init__(self, link: LoggedPartLink):
        super().__init__()
        self._link = link

    def add(self, ch: str, font: str | None, where: str) -> None:
        self._link.missing_log.append((self._link.phase, ch, font, where))
        super().add(ch, font, where)


class LoggedPartLink(PartLink):
    """A part link that logs the part's font warnings (see :func:`merged_warnings`)."""

    def __init__(self, resolve: Callable[[int, dict[str, int]], PartNumbers]):
        super().__init__(resolve)
        self.phase = 0
        self.missing_log: list[tuple[int, str, str | None, str]] = []

    def watch(self, ctx) -> None:
        ctx.missing = _LoggedMissing(self)

    def laying_out(self) -> None:
        self.phase = 1


def merged_warnings(logs: list[list[tuple[int, str, str | None, str]]]) -> list[str]:
    """The warnings of the parts' logs in the order the document made in one piece gives them."""
    merged = MissingGlyphs()
    for phase in (0, 1):
        for log in logs:
            for p, ch, font, where in log:
                if p == phase:
                    merged.add(ch, font, where)
    return merged.messages()


# ------------------------------------------------------------------ processes
def _run_child(index: int, build_part, to_parent: int, from_parent: int) -> None:
    """In a forked child: lay out part *index*, talk to the parent, never return."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)

        def resolve(pages: int, anchors: dict[str, int]) -> PartNumbers:
            _send(to_parent, ("laid out", pages, anchors))
            return _receive(from_parent)[1]

        link = LoggedPartLink(resolve)
        result = build_part(index, link)
        _send(to_parent, ("done", result.pdf, link.outline, link.missing_log))
    except BaseException:  # noqa: BLE001 - everything goes to the parent, which raises it
        code = 1
        try:
            _send(to_parent, ("error", f"part {index}:\n{traceback.format_exc()}"))
        except BaseException:  # noqa: BLE001 - the parent is gone: nothing left to tell
            pass
    finally:
        os._exit(code)


def build_in_parts(build_part: Callable[[int, PartLink], ReportResult], count: int) -> ReportResult:
    """One report from *count* parts laid out at once, part 0 in this process.

    ``build_part(i, link)`` builds part *i* with ``build_pdf(..., part=link)``;
    it must call ``link.watch(ctx)`` on the text context before building the
    story and have ``build_pdf`` call ``link.laying_out()`` (it does), so that
    the font warnings come out as the document made in one piece gives them.
    A failure in any part raises :class:`PartFailed` (or the parent's own
    exception); no process is left behind.
    """
    if count < 2:
        raise ValueError("build_in_parts needs at least two parts")
    sys.stdout.flush()
    sys.stderr.flush()
    children: list[tuple[int, int, int]] = []  # (pid, from_child, to_child)
    finished = False
    try:
        for index in range(1, count):
            up_r, up_w = os.pipe()
            down_r, down_w = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(up_r)
                os.close(down_w)
                for _, r, w in children:
                    os.close(r)
                    os.close(w)
                _run_child(index, build_part, up_w, down_r)
            os.close(up_w)
            os.close(down_r)
            children.append((pid, up_r, down_w))

        laid_out: dict[int, tuple[int, dict[str, int]]] = {}

        def resolve(pages: int, anchors: dict[str, int]) -> PartNumbers:
            laid_out[0] = (pages, anchors)
            for index, (_pid, from_child, _to) in enumerate(children, start=1):
                _kind, child_pages, child_anchors = _receive(from_child)
                laid_out[index] = (child_pages, child_anchors)
            first, total, everywhere = [], 0, {}
            for index in range(count):
                pages_i, anchors_i = laid_out[index]
                first.append(total + 1)
                for key, page in anchors_i.items():
                    everywhere.setdefault(key, total + page)
                total += pages_i
            for index, (_pid, _from, to_child) in enumerate(children, start=1):
                _send(to_child, ("numbers", PartNumbers(first[index], total, everywhere)))
            return PartNumbers(1, total, everywhere)

        link = LoggedPartLink(resolve)
        own = build_part(0, link)
        parts = [Part(own.pdf, laid_out[0][1], [OutlineEntry(*e) for e in link.outline])]
        logs = [link.missing_log]
        for index, (_pid, from_child, _to) in enumerate(children, start=1):
            _kind, pdf, outline, log = _receive(from_child)
            parts.append(Part(pdf, laid_out[index][1], [OutlineEntry(*e) for e in outline]))
            logs.append(log)
        finished = True
        pdf, pages = join_parts(parts)
        return ReportResult(pdf=pdf, page_count=pages, title=own.title, warnings=merged_warnings(logs),
                            suggested_name=own.suggested_name)
    finally:
        for pid, from_child, to_child in children:
            for fd in (from_child, to_child):
                try:
                    os.close(fd)
                except OSError:
                    pass
            try:
                if not finished:  # it may be waiting for numbers that will never come
                    os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ChildProcessError, ProcessLookupError):
                pass
