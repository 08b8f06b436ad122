"""File names suggested by dialogs: whatever people typed becomes a name Windows accepts."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plan_desktop.domain.file_names import MAX_NAME_LENGTH, RESERVED_NAMES, safe_file_name


@pytest.mark.parametrize("name, expected", [
    ("評価入力_総務部 人事課/2024?.xlsx", "評価入力_総務部_人事課_2024.xlsx"),
    ("CON.pdf", "CON_.pdf"),
    ("con", "con_"),
    ("NUL.json", "NUL_.json"),
    ("COM1.csv", "COM1_.csv"),
    ("lpt9.xlsx", "lpt9_.xlsx"),
    ("COM¹.pdf", "COM¹_.pdf"),
    ("aux.tar.gz", "aux_.tar.gz"),
    ("Aux .txt", "Aux_.txt"),
    ("CONSOLE.pdf", "CONSOLE.pdf"),  # only the exact device names
    ("学区別進捗_中央\x00学区\x1f.json", "学区別進捗_中央_学区.json"),
    ("計画\u202egpj.exe.pdf", "計画_gpj.exe.pdf"),  # a right-to-left override would disguise the name
    ("計画...", "計画"),
    ("  計画 . ", "計画"),
    ("…", "…"),
    ("", "plan"),
    ("???.pdf", "plan.pdf"),
    (".pdf", "plan.pdf"),
    ("a:b|c<d>e\"f*g.csv", "a_b_c_d_e_f_g.csv"),
    ("令和6年度\u3000評価.pdf", "令和6年度_評価.pdf"),  # ideographic space
])
def test_names_windows_refuses_or_changes_are_cleaned(name, expected):
    assert safe_file_name(name) == expected


def test_an_overlong_name_is_shortened_and_keeps_its_extension():
    name = safe_file_name("長い推進事項の名前" * 40 + ".xlsx")
    assert len(name) == MAX_NAME_LENGTH and name.endswith("長い推進事項の名前"[: (MAX_NAME_LENGTH - 5) % 9] + ".xlsx")


def test_the_default_is_used_for_nothing_usable():
    assert safe_file_name("///", default="学区") == "学区"


@given(st.text(max_size=400))
def test_any_text_gives_a_name_windows_accepts(text):
    name = safe_file_name(text + ".pdf")
    assert name.endswith(".pdf") and 4 < len(name) <= MAX_NAME_LENGTH + 1
    stem = name[:-4]
    assert not any(ch in stem for ch in '\\/:*?"<>|')
    assert not any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") for ch in stem)
    assert stem == stem.strip(" .") and stem.partition(".")[0].upper() not in RESERVED_NAMES
