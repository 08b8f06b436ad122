"""Japanese line breaking after JIS X 4051 (reports/linebreak.py)."""

from __future__ import annotations

from plan_desktop.reports.linebreak import CANNOT_END, CANNOT_START, break_allowed, break_glyphs


def _lines(text: str, chars_per_line: int, **kw) -> list[str]:
    widths = [0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text]
    return [text[a:b] for a, b, _ in break_glyphs(text, widths, [chars_per_line], **kw)]


def test_no_line_starts_with_closing_punctuation_or_small_kana():
    for ch in "、。）」』】・：；？！ぁっャー":
        lines = _lines("あいうえお" + ch + "かきくけこ", 5)
        assert all(line[0] not in CANNOT_START for line in lines[1:]), (ch, lines)
        assert "".join(lines) == "あいうえお" + ch + "かきくけこ"


def test_no_line_ends_with_an_opening_bracket_and_no_line_is_too_wide():
    lines = _lines("あいうえ（かきくけこ）さしすせそ", 5)
    assert all(line[-1] not in CANNOT_END for line in lines)
    assert all(len(line) <= 5 for line in lines)


def test_latin_words_stay_whole_and_wrapped_lines_do_not_start_with_a_space():
    lines = _lines("会議で Zoom meeting を使う", 8)
    assert "Zoom" in "".join(lines) and not any(line.startswith(" ") for line in lines)
    assert all("Zoo" not in line or "Zoom" in line for line in lines)


def test_names_break_between_department_and_section_only():
    assert _lines("生活環境部 コミュニティ推進課", 12, words_only=True) == ["生活環境部", "コミュニティ推進課"]
    assert _lines("検証・策定", 3, words_only=True) == ["検証・", "策定"]
    # one name longer than the line still breaks, by the Japanese rules
    assert all(len(line) <= 4 for line in _lines("コミュニティ推進課", 4, words_only=True))


def test_forced_breaks_and_inseparable_pairs():
    assert _lines("あい\nう", 5, is_line_break=lambda i: "あい\nう"[i] == "\n") == ["あい\n", "う"]
    assert not break_allowed("…", "…") and break_allowed("あ", "い")
