"""What the search box looks through, and how a query matches a measure. Pure: no Qt.

A query is split into terms (after :func:`~.text.fold`: width, case and
hiragana/katakana do not matter); a measure matches when every term does.
Texts are not folded for this: :mod:`.search_fold` matches a folded term in
the raw text (prepared once by ``searchable``) as if it were folded.
A term matches when it occurs in one of the measure's texts (名称, 課題,
推進内容, 行動計画, 担当部課) or, for a term that names a fiscal year (R6,
令和6, 令和6年度, H30, 2024年度), when the measure has content in that year:
an action-plan block covering it, a schedule phase in it or an evaluation
for it.
"""

from __future__ import annotations

import re

from .model import Measure
from .search_fold import fold_fast, searchable, term_matcher

_ERA_TERM = re.compile(r"(令和|平成|r|h)(元|\d{1,2})(?:年度?)?")
_WESTERN_TERM = re.compile(r"(\d{4})年度")

#: Labels of the searched fields, in the order the editor shows them.
TITLE, ISSUE, CONTENT, ACTION_PLAN, DEPARTMENTS, YEAR = "名称", "課題", "推進内容", "行動計画", "担当部課", "年度"


def query_terms(query: str) -> list[str]:
    return fold_fast(query).split()


def search_fields(m: Measure) -> list[tuple[str, str]]:
    """(field label, text) of everything the search looks through."""
    out = [(TITLE, m.display_title), (ISSUE, m.issue), (CONTENT, m.content)]
    for block in m.action_plan:
        for item in block.items:
            out.append((ACTION_PLAN, item.text))
            out.extend((ACTION_PLAN, sub) for sub in item.sub)
    out.extend((DEPARTMENTS, d) for d in m.departments)
    return out


def search_texts(m: Measure, action_plan: bool = True) -> list[str]:
    """The texts of :func:`search_fields` without their labels (built for every measure at once
    by the first keystroke: no tuple per text); without the action plan's when *action_plan* is
    False (see :func:`match_so_far`)."""
    out = [m.display_title, m.issue, m.content]
    if action_plan:
        for block in m.action_plan:
            for item in block.items:
                out.append(item.text)
                out += item.sub
    out += m.departments
    return out


def year_of_term(term: str) -> int | None:
    """The fiscal year a folded search term names (r6, 令和6年度, h30, 2024年度), else None."""
    m = _ERA_TERM.fullmatch(term)
    if m:
        from .fiscal import parse_fy

        try:
            return parse_fy(m.group(1) + m.group(2))
        except ValueError:
            return None
    m = _WESTERN_TERM.fullmatch(term)
    return int(m.group(1)) if m else None


def content_years(m: Measure) -> set[int]:
    """Fiscal years in which *m* has an action-plan block, a schedule phase or an evaluation."""
    years = {fy for b in m.action_plan for fy in range(b.fy_from, b.fy_to + 1)}
    years |= {s.fy for s in m.schedule}
    years |= {e.fy for e in m.evaluations}
    return years


def search_text(m: Measure) -> str:
    """``searchable`` of every text the search looks through, joined (what a cache may keep)."""
    return searchable("\n".join(search_texts(m)))


def measure_matches(m: Measure, terms: list[str], haystack: str | None = None) -> bool:
    """True when every (folded) term matches *m*; *haystack*: :func:`search_text` (or the
    ``searchable`` of more texts) from a cache."""
    if not terms:
        return True
    text = haystack if haystack is not None else search_text(m)
    years: set[int] | None = None
    for term in terms:
        if term_matcher(term)(text):
            continue
        fy = year_of_term(term)
        if fy is None:
            return False
        if years is None:
            years = content_years(m)
        if fy not in years:
            return False
    return True


def match_so_far(m: Measure, terms: list[str], haystack: str, has_action_plan: bool) -> bool | None:
    """:func:`measure_matches` from what is read of *m* so far, reading nothing from the file.

    *haystack*: the ``searchable`` texts, those of the action plan among them when
    *has_action_plan*. True or False when that is the answer :func:`measure_matches` gives;
    None when it depends on parts not read yet (a term not in the texts so far, which the
    action plan, or for a year term the content of that year, may still hold). A text read
    later only adds matches: a True stays True."""
    years: set[int] | None = None
    for term in terms:
        if term_matcher(term)(haystack):
            continue
        fy = year_of_term(term)
        if fy is None:
            if has_action_plan:
                return False
            return None
        if not m.parts_loaded:
            return None
        if years is None:
            years = content_years(m)
        if fy not in years:
            return False
    return True


# Joins the fields of a measure to fold them in one go: folding is character by character apart from
# NFKC, which neither composes nor reorders anything across this character.
_FIELD_SEP = "\x00"


def folded_fields(m: Measure, *, read: bool = True) -> list[tuple[str, str]]:
    """(field label, folded text) of :func:`search_fields` of *m*; with *read* False, only of the
    parts of *m* already read (nothing is read from the file). What :func:`matched_fields` looks
    through: a caller may keep it while *m* and what of it is read stay."""
    fields = search_fields(m) if read or m.part_read("action_plan") else [
        (label, text) for label, text in zip((TITLE, ISSUE, CONTENT), (m.display_title, m.issue, m.content),
                                              strict=True)] + [(DEPARTMENTS, d) for d in m.departments]
    texts = [text for _label, text in fields]
    joined = _FIELD_SEP.join(texts)
    folded = fold_fast(joined).split(_FIELD_SEP) if joined.count(_FIELD_SEP) == len(texts) - 1 else None
    if folded is None or len(folded) != len(texts):  # a text holds the separator itself
        folded = [fold_fast(text) for text in texts]
    return [(label, text) for (label, _raw), text in zip(fields, folded, strict=True)]


def matched_fields(m: Measure, terms: list[str], *, read: bool = True,
                   fields: list[tuple[str, str]] | None = None) -> list[str]:
    """Labels of the fields where the terms were found (年度 for a year term met by content);
    with *read* False, only among the parts of *m* already read (nothing is read from the file).
    *fields*: :func:`folded_fields` of *m* (with the same *read*) when kept."""
    if not terms:
        return []
    found: list[str] = []
    for label, text in folded_fields(m, read=read) if fields is None else fields:
        if label not in found and any(term in text for term in terms):
            found.append(label)
    if not read and not m.parts_loaded:
        return found
    years = None
    for t in terms:
        fy = year_of_term(t)
        if fy is None or YEAR in found:
            continue
        years = content_years(m) if years is None else years
        if fy in years:
            found.append(YEAR)
    return found
