"""Join PDFs that reportlab made for consecutive parts of one document.

:mod:`.parallel` lays out a long report in several processes, each part a
complete PDF made by reportlab; this module makes them one document:

* the pages of all parts in order, under one page tree;
* internal links, which a part writes as *named* destinations (``/Dest (m3)``)
  because the anchor may be in another part, become direct destinations
  ``[page /Fit]``, as reportlab writes them in a document made in one piece;
* one outline (bookmarks) built from the entries the parts recorded;
* the subset fonts of every part kept apart: a part's subset tags
  (``AAAAAA+IPAexGothic``) are renamed so no two subsets share a name;
* the document information of the first part.

Only PDFs written by reportlab are read (classic cross-reference table, no
object streams): the reader is small on purpose and refuses anything else.
Loading pypdf for this would cost more (~0.5 s of imports) than the whole join.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

__all__ = ["OutlineEntry", "Part", "PdfJoinError", "join_parts"]


class PdfJoinError(ValueError):
    """A part is not a PDF as reportlab writes it, or refers to an anchor no part has."""


@dataclass(frozen=True)
class OutlineEntry:
    title: str
    key: str  # the anchor the entry opens
    level: int
    closed: bool = True


@dataclass
class Part:
    pdf: bytes
    anchors: dict[str, int] = field(default_factory=dict)  # key -> page number within this part (1-based)
    outline: list[OutlineEntry] = field(default_factory=list)


# ------------------------------------------------------------------ tokens
_DELIMS = b"()<>[]{}/%"
_WS = b" \t\r\n\f\x00"
_REF = re.compile(rb"(\d+)\s+(\d+)\s+R")


def _end_of_string(data: bytes, i: int) -> int:
    """Index after the literal string that starts at ``data[i] == b'('``."""
    depth = 0
    n = len(data)
    while i < n:
        c = data[i]
        if c == 0x5C:  # backslash: skip the escaped byte
            i += 2
            continue
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise PdfJoinError("unterminated string")


_NAME_END = re.compile(rb"[ \t\r\n\f\x00()<>\[\]{}/%]")  # _WS and _DELIMS


def _end_of_name(data: bytes, i: int) -> int:
    m = _NAME_END.search(data, i + 1)
    return len(data) if m is None else m.start()


def _string_value(raw: bytes) -> str:
    """The text of a literal string token ``(...)`` (only the escapes reportlab writes)."""
    body = raw[1:-1]
    out = bytearray()
    i = 0
    while i < len(body):
        c = body[i]
        if c == 0x5C and i + 1 < len(body):
            nxt = body[i + 1]
            if 0x30 <= nxt <= 0x37:
                j = i + 1
                while j < min(i + 4, len(body)) and 0x30 <= body[j] <= 0x37:
                    j += 1
                out.append(int(body[i + 1:j], 8) & 0xFF)
                i = j
                continue
            out.append({0x6E: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12}.get(nxt, nxt))
            i += 2
            continue
        out.append(c)
        i += 1
    if out[:2] == b"\xfe\xff":
        return out[2:].decode("utf-16-be")
    return out.decode("latin-1")


# Where _rewrite may have something to do: a string, a name, a comment or a
# reference; numbers that start no reference are copied with the bytes around them.
_SPECIAL = re.compile(rb"[(/%]|" + _REF.pattern)
_NUMBER = re.compile(rb"[0-9.+\-]*")


def _rewrite(data: bytes, refs, dest=None, named=None) -> bytes:
    """*data* (a dictionary or array, no stream) with every ``N 0 R`` replaced by
    ``refs(N)``; with *dest*, a ``/Dest (name)`` becomes ``dest(name)``; with
    *named*, the reference after a key ``/K`` for which ``named(K)`` gives a
    number becomes that number (the object another part defines under that name)."""
    out = bytearray()
    i = 0
    n = len(data)
    while i < n:
        # Copy the run of bytes that need no attention in one piece.
        m = _SPECIAL.search(data, i)
        if m is None:
            out += data[i:]
            break
        if m.start() > i:
            out += data[i:m.start()]
            i = m.start()
        c = data[i]
        if c == 0x28:  # (string)
            j = _end_of_string(data, i)
            out += data[i:j]
            i = j
        elif c == 0x2F:  # /Name
            j = _end_of_name(data, i)
            name = data[i:j]
            out += name
            i = j
            if name == b"/Dest" and dest is not None:
                k = i
                while k < n and data[k] in _WS:
                    k += 1
                if k < n and data[k] == 0x28:
                    end = _end_of_string(data, k)
                    out += b" " + dest(_string_value(data[k:end]))
                    i = end
            elif named is not None:
                target = named(name[1:].decode("latin-1"))
                if target is not None:
                    k = i
                    while k < n and data[k] in _WS:
                        k += 1
                    m = _REF.match(data, k)
                    if m is not None:
                        out += b" %d 0 R" % target
                        i = m.end()
        elif c == 0x25:  # % comment
            j = data.find(b"\n", i)
            j = n if j < 0 else j
            out += data[i:j]
            i = j
        elif 0x30 <= c <= 0x39:  # N 0 R, unless it is the end of a longer token
            m = _REF.match(data, i)
            if m is not None and (i == 0 or data[i - 1] in _WS or data[i - 1] in _DELIMS):
                out += b"%d 0 R" % refs(int(m.group(1)))
                i = m.end()
            else:
                j = _NUMBER.match(data, i).end()
                out += data[i:j]
                i = j
        else:
            out.append(c)
            i += 1
    return bytes(out)


def _refs_in(data: bytes, skip_names: dict[str, int] | None = None) -> list[int]:
    """The objects *data* refers to, except those named by a key in *skip_names*."""
    found: list[int] = []
    _rewrite(data, lambda k: found.append(k) or k, named=(lambda name: 0 if name in skip_names else None)
             if skip_names else None)
    return found


_DICT_TOKEN = re.compile(rb"\(|<<|>>")


def _dict_end(body: bytes) -> int:
    """Index after the top-level ``<< ... >>`` at the start of *body* (strings skipped)."""
    depth = 0
    i = 0
    while (m := _DICT_TOKEN.search(body, i)) is not None:
        i = m.start()
        token = m.group()
        if token == b"(":
            i = _end_of_string(body, i)
            continue
        i += 2
        if token == b"<<":
            depth += 1
            continue
        depth -= 1
        if depth == 0:
            return i
    raise PdfJoinError("unterminated dictionary")


def _entry(dict_bytes: bytes, key: bytes) -> bytes | None:
    """The raw value of */key* in a flat dictionary (a reference, a name or an array)."""
    m = re.search(rb"/" + key + rb"\s+(\d+\s+\d+\s+R|/[^\s/<>\[\]()]+|\[[^\]]*\]|\([^)]*\))", dict_bytes)
    return m.group(1) if m else None


# ------------------------------------------------------------------ reading
@dataclass
class _Object:
    head: bytes  # the dictionary (or other value) before any stream, rewritten later
    tail: bytes  # "stream ... endstream" (copied as is), or b""


@dataclass
class _Parsed:
    objects: dict[int, _Object]
    root: int
    info: int | None
    pages_root: int
    pages: list[int]
    header: bytes


def _parse(pdf: bytes, which: int) -> _Parsed:
    if not pdf.startswith(b"%PDF-"):
        raise PdfJoinError(f"part {which} is not a PDF")
    m = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", pdf)
    if m is None:
        raise PdfJoinError(f"part {which}: no cross-reference table")
    xref_at = int(m.group(1))
    xref = re.match(rb"xref\s+0\s+(\d+)\s+", pdf[xref_at:])
    if xref is None:
        raise PdfJoinError(f"part {which}: not a classic cross-reference table")
    count = int(xref.group(1))
    table = pdf[xref_at + xref.end(): xref_at + xref.end() + 20 * count]
    offsets: dict[int, int] = {}
    for num in range(1, count):
        entry = table[20 * num: 20 * num + 20]
        if entry[17:18] == b"n":
            offsets[num] = int(entry[:10])
    order = sorted(offsets.items(), key=lambda kv: kv[1])
    objects: dict[int, _Object] = {}
    for idx, (num, start) in enumerate(order):
        end = order[idx + 1][1] if idx + 1 < len(order) else xref_at
        chunk = pdf[start:end]
        head_m = re.match(rb"%d\s+0\s+obj\s*" % num, chunk)
        stop = chunk.rfind(b"endobj")
        if head_m is None or stop < 0:
            raise PdfJoinError(f"part {which}: object {num} is not where the table says")
        body = chunk[head_m.end():stop].rstrip()
        if body.startswith(b"<<"):
            d_end = _dict_end(body)
            objects[num] = _Object(body[:d_end], body[d_end:])
        else:
            objects[num] = _Object(body, b"")
    trailer = pdf[xref_at + xref.end() + 20 * count:]
    root_m = re.search(rb"/Root\s+(\d+)\s+0\s+R", trailer)
    info_m = re.search(rb"/Info\s+(\d+)\s+0\s+R", trailer)
    if root_m is None:
        raise PdfJoinError(f"part {which}: no document catalogue")
    root = int(root_m.group(1))
    pages_ref = _entry(objects[root].head, b"Pages")
    if pages_ref is None:
        raise PdfJoinError(f"part {which}: no page tree")
    pages_root = int(pages_ref.split()[0])
    kids = _entry(objects[pages_root].head, b"Kids") or b"[]"
    pages = [int(r.group(1)) for r in _REF.finditer(kids)]
    if any(b"/Type /Pages" in objects[p].head for p in pages):
        raise PdfJoinError(f"part {which}: nested page trees are not supported")
    header_end = pdf.index(b"\n", pdf.index(b"\n") + 1) + 1
    return _Parsed(objects, root, int(info_m.group(1)) if info_m else None, pages_root, pages, pdf[:header_end])


# ------------------------------------------------------------------ writing
def _text_string(text: str) -> bytes:
    """A PDF text string: PDFDocEncoding-safe ASCII as is, anything else UTF-16BE (as reportlab does)."""
    if all(32 <= ord(ch) < 127 for ch in text):
        return b"(" + text.encode("ascii").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


_TAG = re.compile(rb"/([A-Z]{6})\+")


def _tag_for(part: int, tag: bytes) -> bytes:
    """A subset tag of part *part* that no other part uses (part 0 keeps its own)."""
    if part == 0:
        return tag
    value = 0
    for ch in tag:
        value = value * 26 + (ch - 65)
    value = (value + part * 26 ** 4) % 26 ** 6
    out = bytearray()
    for _ in range(6):
        value, r = divmod(value, 26)
        out.append(65 + r)
    return bytes(reversed(out))


def join_parts(parts: list[Part], *, shared_forms: tuple[int, dict[str, int]] | None = None,
               dangling_links: bool = False) -> tuple[bytes, int]:
    """One PDF of all *parts* in order, and its page count.

    *shared_forms* ``(part, {resource name: object number})``: every part draws
    those named forms (the page total, page numbers of the contents) with that
    part's objects, which alone knew the numbers (:mod:`.progressive`).
    *dangling_links*: links to anchors no part has are left out instead of
    being an error (a document shown while its later parts are being made).
    """
    if not parts:
        raise PdfJoinError("nothing to join")
    parsed = [_parse(p.pdf, i) for i, p in enumerate(parts)]
    shared_part, shared = shared_forms if shared_forms is not None else (-1, {})

    # Where every anchor is: (part, page index in the part).
    page_of_anchor: dict[str, tuple[int, int]] = {}
    for i, p in enumerate(parts):
        for key, page in p.anchors.items():
            page_of_anchor.setdefault(key, (i, page - 1))

    # Number the objects kept: what the pages reach (not their parent), and part 0's information.
    new_numbers: list[dict[int, int]] = []
    next_num = 1
    order: list[tuple[int, int]] = []  # (part, old number) in output order
    for i, doc in enumerate(parsed):
        skip = {doc.root, doc.pages_root}
        if doc.info is not None:
            skip.add(doc.info)
        keep: set[int] = set()
        stack = list(doc.pages)
        while stack:
            num = stack.pop()
            if num in keep or num in skip:
                continue
            if num not in doc.objects:
                raise PdfJoinError(f"part {i}: object {num} is missing")
            keep.add(num)
            stack.extend(_refs_in(doc.objects[num].head, shared if i != shared_part else None))
        if i == shared_part:
            stack = list(shared.values())
            while stack:
                num = stack.pop()
                if num not in keep and num not in skip:
                    keep.add(num)
                    stack.extend(_refs_in(doc.objects[num].head))
        if i == 0:
            prefs = _entry(doc.objects[doc.root].head, b"ViewerPreferences")
            if prefs is not None and prefs.endswith(b"R"):
                keep.add(int(prefs.split()[0]))
            if doc.info is not None:
                keep.add(doc.info)
        numbers = {}
        for num in sorted(keep):
            numbers[num] = next_num
            order.append((i, num))
            next_num += 1
        new_numbers.append(numbers)
    pages_root = next_num
    catalog = next_num + 1
    next_num += 2

    page_objects: list[list[int]] = [[new_numbers[i][p] for p in doc.pages] for i, doc in enumerate(parsed)]

    def dest(key: str) -> bytes:
        where = page_of_anchor.get(key)
        if where is None:
            if dangling_links:
                return b"null"  # a link that does nothing yet
            raise PdfJoinError(f"a link goes to {key!r}, which no part has")
        return b"[ %d 0 R /Fit ]" % page_objects[where[0]][where[1]]

    def named(name: str) -> int | None:
        num = shared.get(name)
        return None if num is None else new_numbers[shared_part][num]

    bodies: dict[int, bytes] = {}
    for i, num in order:
        doc = parsed[i]
        numbers = new_numbers[i]

        def ref(k: int, numbers=numbers, doc=doc) -> int:
            if k == doc.pages_root:
                return pages_root
            if k not in numbers:
                raise PdfJoinError(f"a reference to object {k}, which was left out")
            return numbers[k]

        obj = doc.objects[num]
        head = _rewrite(obj.head, ref, dest, named if shared and i != shared_part else None)
        if i:
            head = _TAG.sub(lambda m, i=i: b"/" + _tag_for(i, m.group(1)) + b"+", head)
        bodies[numbers[num]] = head + obj.tail

    # Outline, rebuilt from the entries the parts recorded (as reportlab makes it in one piece).
    entries = [e for p in parts for e in p.outline]
    outline_root = None
    if entries:
        outline_root = next_num
        next_num += 1
        nums = list(range(next_num, next_num + len(entries)))
        next_num += len(entries)
        parents: list[int] = []
        stack_levels: list[tuple[int, int]] = []  # (level, index)
        for idx, e in enumerate(entries):
            while stack_levels and stack_levels[-1][0] >= e.level:
                stack_levels.pop()
            if e.level > (stack_levels[-1][0] + 1 if stack_levels else 0):
                raise PdfJoinError(f"outline jumps to level {e.level} at {e.title!r}")
            parents.append(stack_levels[-1][1] if stack_levels else -1)
            stack_levels.append((e.level, idx))
        children: dict[int, list[int]] = {}
        for idx, parent in enumerate(parents):
            children.setdefault(parent, []).append(idx)

        for parent, kids in children.items():
            for pos, idx in enumerate(kids):
                e = entries[idx]
                d = [b"/Title " + _text_string(e.title), b"/Dest " + dest(e.key),
                     b"/Parent %d 0 R" % (outline_root if parent < 0 else nums[parent])]
                if pos:
                    d.append(b"/Prev %d 0 R" % nums[kids[pos - 1]])
                if pos + 1 < len(kids):
                    d.append(b"/Next %d 0 R" % nums[kids[pos + 1]])
                if children.get(idx):
                    sub = children[idx]
                    n = _leaves(sub, children, entries)
                    d += [b"/First %d 0 R" % nums[sub[0]], b"/Last %d 0 R" % nums[sub[-1]],
                          b"/Count %d" % (-n if e.closed else n)]
                bodies[nums[idx]] = b"<< " + b" ".join(d) + b" >>"
        top = children[-1]
        bodies[outline_root] = (b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>"
                                % (nums[top[0]], nums[top[-1]], _leaves(top, children, entries)))

    all_pages = [p for ps in page_objects for p in ps]
    bodies[pages_root] = (b"<< /Type /Pages /Count %d /Kids [ " % len(all_pages)
                          + b" ".join(b"%d 0 R" % p for p in all_pages) + b" ] >>")
    first = parsed[0].objects[parsed[0].root].head
    cat = [b"/Type /Catalog", b"/Pages %d 0 R" % pages_root]
    if outline_root is not None:
        cat += [b"/Outlines %d 0 R" % outline_root]
    mode = _entry(first, b"PageMode")
    if mode is not None:
        cat.append(b"/PageMode " + mode)
    lang = _entry(first, b"Lang")
    if lang is not None:
        cat.append(b"/Lang " + lang)
    prefs = _entry(first, b"ViewerPreferences")
    if prefs is not None:
        cat.append(b"/ViewerPreferences " + _rewrite(prefs, lambda k: new_numbers[0][k]))
    bodies[catalog] = b"<< " + b" ".join(cat) + b" >>"

    out = bytearray(parsed[0].header)
    offsets = [0] * next_num
    for num in range(1, next_num):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + bodies[num] + b"\nendobj\n"
    digest = hashlib.md5(bytes(out)).hexdigest().encode("ascii")
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % next_num
    for num in range(1, next_num):
        out += b"%010d 00000 n \n" % offsets[num]
    info = b"/Info %d 0 R\n" % new_numbers[0][parsed[0].info] if parsed[0].info is not None else b""
    out += (b"trailer\n<<\n/ID [<%s><%s>]\n%s/Root %d 0 R\n/Size %d\n>>\nstartxref\n%d\n%%%%EOF\n"
            % (digest, digest, info, catalog, next_num, xref_at))
    return bytes(out), len(all_pages)


def _leaves(kids: list[int], children: dict[int, list[int]], entries: list[OutlineEntry]) -> int:
    """Entries shown of *kids* when the outline opens: each one, and the entries
    under those that are open (the ``/Count`` of the PDF outline)."""
    total = 0
    for k in kids:
        total += 1
        sub = children.get(k)
        if sub and not entries[k].closed:
            total += _leaves(sub, children, entries)
    return total
