"""Plans for looking at and checking printed pages: the bundled plan with
realistic evaluations, and a hostile plan (long texts, markup characters,
rare glyphs) that tries to break every layout rule.

Used by the print check (tests/reports/test_print_check.py) and by
tools/render_report_examples.py, which renders the example images in docs/.
"""

from __future__ import annotations

import copy

from plan_desktop.domain.model import (
    ActionBlock,
    ActionItem,
    Evaluation,
    Indicator,
    Measure,
    PlanData,
    ScheduleEntry,
)

ACHIEVEMENTS = (
    "各コミュニティ推進会を対象に、活動の担い手確保に関する意見交換会を市内{n}か所で開催し、延べ{p}人が参加した。"
    "また、広報紙（令和6年7月号）及び市ホームページで地域活動の事例を紹介し、SNS（LINE・Instagram）による"
    "情報発信を開始した。参加者アンケートでは「活動内容が分かりやすくなった」との回答が8割を超えた。"
)
ISSUES = ("若い世代の参加が依然として少なく、役員の高齢化と固定化が進んでいる。"
          "町内会未加入世帯への情報提供の方法が確立していない。")
IMPROVEMENTS = ("子育て世代が参加しやすい土日の短時間イベントを試行する。"
                "また、市と各学区コミュニティ推進会が連携し、転入者向けの案内（チラシ・QRコード）を作成する。")
OPINION = ("取組は着実に進んでいる。一方で、担い手の確保は全市的な課題であり、"
           "庁内の関係課（生活環境部・教育委員会等）と連携した横断的な対応を期待する。")
SELF_COMMENT = "計画どおり意見交換会を実施できた。次年度は参加者の年齢層の拡大を重点とする。"

FILLED = (1, 4, 7, 12, 16, 21, 26, 29, 30, 32)  # measures with a FY2024 evaluation


def evaluation(fy: int, i: int, *, status: str = "会議確定", rating: str | None = "B") -> Evaluation:
    return Evaluation(
        fy=fy, rating=rating, progress="実施中", status=status,
        achievements=ACHIEVEMENTS.format(n=i % 9 + 3, p=40 + 17 * i), issues=ISSUES, improvements=IMPROVEMENTS,
        direction="継続", committee_opinion=OPINION,
        indicators=[Indicator("意見交換会の開催数", "回", 0, 12, 8 + i % 4),
                    Indicator("参加者数（延べ）", "人", 120, 400, 256 + i)],
        self_rating=rating, self_comment=SELF_COMMENT, self_author="コミュニティ推進課　日立 太郎",
        self_date=f"{fy + 1}-03-15", council_rating=rating if status == "会議確定" else None,
        council_date=f"{fy + 1}-05-20" if status == "会議確定" else None,
    )


def evaluated_plan(seed: PlanData) -> PlanData:
    """The bundled plan with FY2024 evaluations for ten measures (two of them drafts)
    and FY2022/2023 ratings for №1 and №7 (earlier years' strip)."""
    data = copy.deepcopy(seed)
    letters = "ABCBA BCABB"
    for k, no in enumerate(FILLED):
        m = data.measure_by_no(no)
        status = "下書き" if no in (12, 29) else ("所管課確定" if no == 21 else "会議確定")
        m.evaluations.append(evaluation(2024, k, status=status, rating=letters[k].strip() or "B"))
    for no in (1, 7):
        m = data.measure_by_no(no)
        m.evaluations.append(evaluation(2022, 1, rating="A"))
        m.evaluations.append(evaluation(2023, 2, rating="B"))
    # only record is an unrated draft: belongs in the review's never-evaluated list
    for no in (25, 27, 28):
        data.measure_by_no(no).evaluations.append(Evaluation(fy=2023, status="下書き"))
    return data


HOSTILE_TEXT = (
    "<b>太字ではない</b> & &amp; <font face='Helvetica'>x</font> \"引用\" 'single' "
    "ＮＰＯ法人（特定非営利活動法人）と連携し、「地域づくり」〔仮称〕を推進する。"
    "〓𠮷野家の𩸽（ほっけ）、髙橋・﨑山・德川、①②③、ｶﾀｶﾅ、ぁぃぅぇぉっゃゅょァィゥェォッャュョ、"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 "
    "http://example.invalid/a/very/long/path/without/any/spaces/at/all/to/break/on "
    "財政基盤の強化（検討）、、、。。。」」」）））！？ "
)


def hostile_plan(seed: PlanData) -> PlanData:
    """The bundled plan made hostile: every text field long, full of markup, brackets, small kana
    and rare glyphs; long department names; evaluations in several states and years."""
    data = copy.deepcopy(seed)
    data.plan.title = "日立市コミュニティ活動推進行動計画<改訂版> & 附属資料（" + "長い題名" * 8 + "）"
    data.viewpoints[0].title = data.viewpoints[0].title + "・" + "組織・活動の活性化と透明性の向上" * 3
    long = HOSTILE_TEXT * 6
    for k, m in enumerate(data.measures[:6]):
        m.title = m.title + "（" + HOSTILE_TEXT[:80] + "）"
        m.issue = long
        m.content = long + "\n\n  字下げ行\n" + long
        m.departments = ["生活環境部女性若者支援課地域づくり推進担当グループ", "教育委員会事務局生涯学習課",
                         "総務部総務課<法務>&文書"]
        m.action_plan.append(ActionBlock(2022, 2026, [ActionItem(long, [long[:200], "（」、。"])]))
        m.schedule = [ScheduleEntry(y, "検証・策定" if y % 2 else "準備") for y in range(2022, 2032)]
        for fy, status in ((2022, "会議確定"), (2023, "所管課確定"), (2024, "下書き")):
            e = evaluation(fy, k, status=status, rating="ABCD"[k % 4])
            e.achievements = long * 2
            e.issues = long
            e.improvements = long
            e.committee_opinion = long
            e.self_comment = long[:300]
            e.indicators.append(Indicator(long[:120], "<単位>", 0.125, 2.125, 1.005))
            m.evaluations.append(e)
    data.measures.append(Measure(no=99999, title="（」、。" + "番号の大きい推進事項" * 3, viewpoint=data.viewpoints[-1].no,
                                 departments=["部課なし"]))
    return data
