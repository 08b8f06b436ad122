"""The join's token rewriting: references renumbered, everything else copied byte for byte."""

from __future__ import annotations

import pytest

from plan_desktop.reports.pdf_join import _dict_end, _refs_in, _rewrite


def _plus_100(k: int) -> int:
    return k + 100


@pytest.mark.parametrize(("before", "after"), [
    (b"<< /Parent 3 0 R /Kids [ 4 0 R 5 0 R ] >>", b"<< /Parent 103 0 R /Kids [ 104 0 R 105 0 R ] >>"),
    (b"[1 0 R/F2 7 0 R]", b"[101 0 R/F2 107 0 R]"),
    (b"<< /W [ 1 [ 500 600.5 ] 3 -12 +4 ] /Length 12 >>", b"<< /W [ 1 [ 500 600.5 ] 3 -12 +4 ] /Length 12 >>"),
    (b"(a 1 0 R \\) 2 0 R) 3 0 R", b"(a 1 0 R \\) 2 0 R) 103 0 R"),  # never inside a string
    (b"/N12 0 R", b"/N12 0 R"),  # a name is not a number
    (b"x12 0 R 1.5 0 R -3 0 R", b"x12 0 R 1.5 0 R -3 0 R"),  # the end of a longer token
    (b"% 1 0 R comment\n2 0 R", b"% 1 0 R comment\n102 0 R"),
    (b"<FEFF0041> 9 0 R", b"<FEFF0041> 109 0 R"),
])
def test_references_are_renumbered_and_nothing_else_changes(before, after):
    assert _rewrite(before, _plus_100) == after


def test_named_references_and_destinations():
    data = b"<< /Total 3 0 R /Other 4 0 R /A << /Dest (m2) >> >>"
    out = _rewrite(data, _plus_100, dest=lambda key: b"[ 9 0 R /Fit ]" if key == "m2" else b"null",
                   named=lambda name: 77 if name == "Total" else None)
    assert out == b"<< /Total 77 0 R /Other 104 0 R /A << /Dest [ 9 0 R /Fit ] >> >>"
    assert _refs_in(data, {"Total": 1}) == [4]


def test_the_dictionary_ends_after_its_own_closing_brackets():
    body = b"<< /A << /B (>> not here) >> /C <00FF> >>stream\n>> <<"
    assert body[:_dict_end(body)] == b"<< /A << /B (>> not here) >> /C <00FF> >>"
