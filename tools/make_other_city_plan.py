"""Write tests/data/other_city_plan.json: a made-up city's plan, unlike the bundled one.

若葉市 (a city that does not exist) keeps its 実施計画 as four levels
(まちづくり方針 → 施策の柱 → 施策 → 事業) with 7-digit codes, started in
平成28年度, has no cross-reference table and no communities, evaluates in
two stages with its own names (担当課 → 行政評価委員会), uses its own options
for 取組状況 and 今後の方向性, and has measures that start late or end early.
One 施策 is split once more (a fourth, unnamed group level). The suite uses
it to check that nothing of the bundled plan's wording leaks into another
plan's window or print.

    python tools/make_other_city_plan.py            # rewrites tests/data/other_city_plan.json
    python tools/make_other_city_plan.py -o x.json
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
OUT = ROOT / "tests" / "data" / "other_city_plan.json"

NAMESPACE = uuid.UUID("0b7d3c38-5e1f-4c2a-9d16-1f0a7b2e4c18")  # the made-up city's ids
FY_START, FY_END = 2016, 2025  # 平成28年度 – 令和7年度
EVALUATED_UNTIL = 2023

POLICIES = [
    ("安心して暮らせるまち", [
        ("防災・減災の推進", ["地域防災力の強化", "災害に強い都市基盤"]),
        ("健康と福祉の充実", ["健康づくりの推進", "高齢者の生活支援"]),
    ]),
    ("人が育ち学び合うまち", [
        ("子育て環境の充実", ["保育サービスの拡充", "子どもの居場所づくり"]),
        ("生涯学習の推進", ["学びの機会の提供", "図書館サービスの向上"]),
    ]),
    ("活力あるまち", [
        ("産業の振興", ["中小企業の支援", "観光の振興"]),
        ("行財政の改革", ["事務の効率化", "公共施設の適正配置"]),
    ]),
]
# 施策 1-2-1 (健康づくりの推進) is split once more: a fourth group level without a level name.
SPLIT = ("健康づくりの推進", ["食育の推進", "運動習慣の定着"])

SUBJECTS = [
    "自主防災組織の育成", "防災訓練の実施", "避難所の機能強化", "耐震診断の助成", "雨水排水施設の整備",
    "橋りょうの長寿命化", "特定健診の受診勧奨", "がん検診の充実", "食生活改善推進員の養成", "ウォーキング教室の開催",
    "地域包括支援センターの運営", "配食サービスの実施", "認知症サポーターの養成", "見守りネットワークの構築",
    "保育所の定員拡大", "病児保育の実施", "一時預かり事業", "放課後児童クラブの運営", "児童館の改修",
    "子ども食堂への支援", "市民講座の開催", "公民館講座の見直し", "出前講座の実施", "電子書籍の導入",
    "移動図書館の運行", "創業支援補助金", "販路開拓の支援", "事業承継の相談", "観光案内所の運営",
    "観光イベントの開催", "電子申請の拡大", "窓口業務の委託", "文書管理システムの更新", "公共施設の再配置計画",
    "市営住宅の集約", "学校施設の複合化", "健康ポイント事業", "薬物乱用防止の啓発", "介護予防教室の開催",
    "成年後見制度の利用支援", "消防団員の確保", "防災行政無線のデジタル化", "通学路の安全対策",
    "外国人観光客の受入環境整備", "企業誘致の推進", "ふるさと納税の推進", "行政評価の実施", "職員研修の充実",
    "保育士の確保", "スクールソーシャルワーカーの配置", "読書活動の推進", "文化財の保存活用",
    "空き店舗の活用支援", "農産物の直売支援", "ごみ減量の啓発", "公用車の削減", "施設予約のオンライン化",
    "運動施設の指定管理", "家庭教育学級の開催", "歴史講座の開催",
]
DEPARTMENTS = ["総務部 危機管理課", "総務部 行政改革課", "福祉部 健康推進課", "福祉部 高齢福祉課",
               "こども部 保育課", "こども部 子育て支援課", "教育部 生涯学習課", "教育部 図書館",
               "経済部 商工課", "経済部 観光課", "建設部 道路課", "企画部 資産経営課"]
# Active years: late starts and early ends (two ended in 令和4年度).
ACTIVE = {3: (2018, None), 8: (None, 2022), 17: (None, 2022), 25: (2019, None), 31: (None, 2019),
          44: (2021, None), 52: (None, 2020)}


def build(seed: int = 18) -> dict:
    rnd = random.Random(seed)
    viewpoints: list[dict] = []
    leaves: list[tuple[int, str]] = []  # (group no, code prefix)
    no = 0
    for pi, (policy, pillars) in enumerate(POLICIES, start=1):
        no += 1
        policy_no = no
        viewpoints.append({"no": policy_no, "title": policy, "code": str(pi),
                           "description": f"{policy}を目指す方針です。"})
        for ci, (pillar, measures_of) in enumerate(pillars, start=1):
            no += 1
            pillar_no = no
            viewpoints.append({"no": pillar_no, "title": pillar, "parent": policy_no, "code": f"{pi}-{ci}"})
            for si, section in enumerate(measures_of, start=1):
                no += 1
                section_no = no
                code = f"{pi}{ci:02d}{si:02d}"
                viewpoints.append({"no": section_no, "title": section, "parent": pillar_no, "code": f"{pi}-{ci}-{si}"})
                if section == SPLIT[0]:
                    for ki, sub in enumerate(SPLIT[1], start=1):
                        no += 1
                        viewpoints.append({"no": no, "title": sub, "parent": section_no, "code": f"{pi}-{ci}-{si}-{ki}"})
                        leaves.append((no, f"{pi}{ci:02d}{si}{ki}"))
                else:
                    leaves.append((section_no, code))
    measures = []
    per_leaf: dict[int, int] = {}
    progress_started = ["着手", "完了"]
    directions = ["拡大", "維持", "統合", "休止"]
    for i in range(60):
        group, prefix = leaves[i * len(leaves) // 60]
        per_leaf[group] = per_leaf.get(group, 0) + 1
        n = i + 1
        title = SUBJECTS[i % len(SUBJECTS)]
        fy_from, fy_to = ACTIVE.get(n, (None, None))
        first = fy_from or FY_START
        last = fy_to or FY_END
        m: dict = {
            "no": n, "code": f"{prefix}{per_leaf[group]:02d}", "title": title, "priority": n % 9 == 0,
            "viewpoint": group, "departments": [DEPARTMENTS[i % len(DEPARTMENTS)]],
            "issue": f"{title}について、対象者の把握と周知に課題がある。",
            "content": f"{title}を計画的に進め、成果を毎年度検証する。",
            "action_plan": [
                {"fy_from": first, "fy_to": min(first + 2, last), "items": [{"text": f"{title}の準備と試行", "sub": []}]},
                *([{"fy_from": min(first + 3, last), "fy_to": last,
                    "items": [{"text": f"{title}の本格実施", "sub": ["実施状況の公表"]}]}] if first + 3 <= last else []),
            ],
            "schedule": [{"fy": fy, "phase": "計画" if fy == first else ("評価" if fy == last else "実施")}
                         for fy in range(first, last + 1)],
            "evaluations": [],
        }
        if fy_from is not None:
            m["fy_from"] = fy_from
        if fy_to is not None:
            m["fy_to"] = fy_to
        for fy in range(first, min(last, EVALUATED_UNTIL) + 1):
            if rnd.random() < 0.12:
                continue  # not evaluated that year
            done = fy == last and fy_to is not None
            status = "委員会確定" if fy < EVALUATED_UNTIL else rnd.choice(["下書き", "担当課確定"])
            m["evaluations"].append({
                "fy": fy, "rating": rnd.choice(["A", "B", "B", "C"]) if status != "下書き" else None,
                "progress": "完了" if done else (progress_started[0] if fy > first else rnd.choice(["未着手", "着手"])),
                "achievements": f"{fy}年度は{title}を実施した。", "issues": "参加者の固定化",
                "improvements": "周知方法を見直す", "direction": "休止" if done else rnd.choice(directions[:3]),
                "committee_opinion": "おおむね妥当である。" if status == "委員会確定" else "",
                "status": status, "self_rating": rnd.choice(["A", "B", "C"]),
                "self_comment": "計画どおり実施した。", "self_author": "担当者",
            })
        measures.append(m)
    return {
        "format": "plan-desktop/1",
        "plan": {
            "title": "若葉市総合計画 実施計画", "subtitle": "平成28年3月策定",
            "policy": "みどりと人が輝くまち わかば", "policy_sub": "",
            "fy_start": FY_START, "fy_end": FY_END,
            "periods": [{"name": "第1期", "fy_start": 2016, "fy_end": 2020},
                        {"name": "第2期", "fy_start": 2021, "fy_end": 2025}],
        },
        "terms": {
            "levels": [{"name": "まちづくり方針", "short": "方針"}, {"name": "施策の柱", "short": "柱"},
                       {"name": "施策", "short": "施策"}],
            "measure": "事業",
            "stages": [{"name": "担当課", "confirmed": "担当課確定"},
                       {"name": "行政評価委員会", "short": "委員会", "confirmed": "委員会確定"}],
            "progress": [{"name": "未着手", "started": False}, {"name": "着手"}, {"name": "完了"}],
            "directions": [{"name": "拡大"}, {"name": "維持"}, {"name": "統合"},
                           {"name": "休止", "closing": True}, {"name": "廃止", "closing": True}],
        },
        "phases": [{"name": "計画", "color": "#e0a458"}, {"name": "実施", "color": "#4f86c6"},
                   {"name": "評価", "color": "#7a9e7e"}],
        "rating_scale": [
            {"letter": "A", "label": "順調", "definition": "目標を達成する見込み", "points": 3},
            {"letter": "B", "label": "概ね順調", "definition": "一部に遅れがある", "points": 2},
            {"letter": "C", "label": "遅れ", "definition": "目標の達成が難しい", "points": 1},
        ],
        "viewpoints": viewpoints,
        "measures": measures,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    from plan_desktop.storage.seed import with_stable_ids

    # Fixed ids and timestamps: rerunning the script gives the same file.
    # Statuses are written as the plan's own labels; the importer maps them to the stored codes.
    doc = with_stable_ids(build(), "2016-04-01T00:00:00+09:00", NAMESPACE)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{args.out}: 事業 {len(doc['measures'])} 件、グループ {len(doc['viewpoints'])} 件")
    return 0


if __name__ == "__main__":
    sys.exit(main())
