"""How fast the permitted camera tree is built and filtered as the operator types, against
the peer that bounds it: a plain Python scan of the camera names in the same run.

    .venv/bin/python benchmarks/catalog_tree.py [--cameras 100000] [--no-qt]

Generates the cameras in memory (about 500 streets in 10 districts, 40 owner units, 10
categories, Chinese names), then times the Qt-free tree (``tree_figures``, reusable for a
catalogue loaded through the access service) and, on the offscreen Qt platform, the item
model and a QTreeView showing it. Targets: tree ready < 1 s for 100k cameras, one keystroke's
filter < 50 ms. Prints JSON. Not a timed test.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from console.access.model import CameraEntry, PermittedCatalogue
from console.catalog.tree import ROOT, CameraTree, Grouping
from console.codes import Right, ShareType
from console.grants.rules import Rights

CITY = ("3205", "苏州市")
DISTRICTS = [("320505", "虎丘区"), ("320506", "吴中区"), ("320507", "相城区"),
             ("320508", "姑苏区"), ("320509", "吴江区"), ("320571", "工业园区"),
             ("320581", "常熟市"), ("320582", "张家港市"), ("320583", "昆山市"),
             ("320585", "太仓市")]
STREET_WORDS = ["观前", "平江", "沧浪", "双塔", "金阊", "虎丘", "白洋湾", "吴门桥", "石路",
                "山塘", "桃花坞", "娄门", "葑门", "胥江", "横塘", "枫桥", "狮山", "浒墅关",
                "通安", "东渚", "木渎", "甪直", "胥口", "临湖", "光福", "越溪", "郭巷", "城南",
                "长桥", "香山", "元和", "黄桥", "北桥", "渭塘", "望亭", "黄埭", "太平", "阳澄湖",
                "松陵", "同里", "平望", "盛泽", "震泽", "七都", "桃源", "黎里", "娄葑", "斜塘",
                "唯亭", "胜浦"]
ROADS = ["人民路", "干将路", "十全街", "凤凰街", "临顿路", "东环路", "西环路", "南环路",
         "北环路", "金鸡湖大道", "苏州大道", "现代大道", "星湖街", "长江路", "狮山路",
         "塔园路", "东吴北路", "宝带路", "友新路", "劳动路", "广济路", "石湖路", "吴中大道",
         "太湖东路", "中山路", "仁德路", "鹿山路", "三香路", "养育巷", "景德路"]
SPOTS = ["交叉口", "路口", "公交站", "地铁站出入口", "小区北门", "小区南门", "学校门口",
         "菜场", "桥北", "桥南", "停车场", "广场", "派出所门前", "医院急诊"]
DIRECTIONS = ["东", "南", "西", "北", "东北", "西南", "东南", "西北"]
UNIT_KINDS = ["公安分局", "交警大队", "城管局", "住建局", "交通运输局", "水务局", "应急管理局",
              "市场监管局"]
CATEGORIES = ["小区周边", "道路交通", "背街小巷", "车站", "机场", "铁路沿线", "校园周边",
              "景区", "河道水域", "重点场所"]


def generate_catalogue(count: int = 100_000, seed: int = 1) -> PermittedCatalogue:
    """``count`` cameras as the access service would hand them to one viewer."""
    rnd = random.Random(seed)
    region_names = {"32": "江苏省", CITY[0]: CITY[1], **dict(DISTRICTS)}
    streets: list[str] = []
    for code, _name in DISTRICTS:
        for n in range(50):
            street = f"{code}{n + 1:02d}"
            region_names[street] = f"{STREET_WORDS[n]}街道"
            streets.append(street)
    units = [(f"U{n:03d}", f"{DISTRICTS[n % 10][1]}{UNIT_KINDS[n // 10 % 8]}"
              + ("" if n < 10 else f"{n // 10}所"))
             for n in range(40)]
    # a street is covered by a handful of units (the district's police, traffic, …)
    street_units = {s: rnd.sample(units, 5) for s in streets}
    start = datetime(2026, 1, 1, tzinfo=UTC)
    entries: list[CameraEntry] = []
    for i in range(count):
        street = streets[rnd.randrange(len(streets))]
        unit_code, unit_name = rnd.choice(street_units[street])
        road = rnd.choice(ROADS)
        name = f"{region_names[street][:-2]}{road}{rnd.choice(SPOTS)}{rnd.choice(DIRECTIONS)}"
        ptz = rnd.random() < 0.3
        rights = Rights.LIVE | (Rights.PTZ if ptz and rnd.random() < 0.5 else Rights.NONE) | (
            Rights.PLAYBACK if rnd.random() < 0.2 else Rights.NONE)
        until: dict[Right, datetime | None] = {r: None for r in rights.names()}
        if Rights.PTZ in rights:
            until[Right.PTZ] = start + timedelta(days=rnd.randrange(1, 90))
        entries.append(CameraEntry(
            id=i + 1, code=f"{street}00132{rnd.choice('0125')}{i:06d}", name=name,
            location=f"{region_names[street]}{road}{rnd.randrange(1, 400)}号",
            region_code=street, category=rnd.choice(CATEGORIES),
            camera_type=1 if ptz else 3, ptz_capable=ptz, home_preset=1 if ptz else None,
            owner_unit_code=unit_code, owner_unit_name=unit_name,
            maintainer="苏州城运维保有限公司", contact="0512-6500 0000", project="雪亮工程二期",
            share_type=ShareType.UNCONDITIONAL if rnd.random() < 0.7 else ShareType.CONDITIONAL,
            legal_basis="", longitude=None, latitude=None, online=rnd.random() < 0.93,
            last_seen=start, warranty_end=date(2027, 6, 30), rights=rights, until=until))
    return PermittedCatalogue(entries=entries, region_names=region_names, built_at=start,
                              next_change=None, revision="1")


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _median(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _visible_nodes(tree: CameraTree, node: int = ROOT) -> int:
    """Walk every visible node, as a fully expanded view would."""
    return sum(1 + _visible_nodes(tree, child) for child in tree.children(node))


def _keystroke(tree: CameraTree, text: str) -> int:
    """What one keystroke costs in the core: the filter, the top level the view shows and,
    when the matches are few enough to be expanded (≤ 300), every visible node."""
    tree.set_filter(text)
    tree.children(ROOT)
    return _visible_nodes(tree) if tree.match_count <= 300 else 0


def _frequent_word(catalogue: PermittedCatalogue) -> str:
    return catalogue.entries[len(catalogue.entries) // 2].name[2:5]


def tree_figures(catalogue: PermittedCatalogue) -> dict[str, Any]:
    """Build and search timings of the Qt-free tree for one catalogue (reusable with a
    catalogue loaded through the access service)."""
    entries = catalogue.entries
    start = time.perf_counter()
    tree = CameraTree(catalogue, Grouping.REGION_FIRST)
    tree.children(ROOT)
    build_s = time.perf_counter() - start
    start = time.perf_counter()
    unit_tree = CameraTree(catalogue, Grouping.UNIT_FIRST)
    unit_tree.children(ROOT)
    build_unit_s = time.perf_counter() - start

    word = _frequent_word(catalogue)            # e.g. "干将路"
    sample = entries[len(entries) // 3]
    code_part = sample.code[-6:]                # a serial, as typed from a work order

    def fresh() -> CameraTree:                  # the search caches of a new tree are empty
        tree.set_filter("")
        tree.forget_searches()                  # a cold cache: a fair first keystroke
        return tree

    def typed(text: str) -> tuple[str, ...]:
        """The texts seen while typing ``text`` one character at a time."""
        return tuple(text[:n] for n in range(1, len(text) + 1))

    def timed(text: str, before: tuple[str, ...] = (), repeat: int = 5) -> tuple[float, int]:
        times, count = [], 0
        for _ in range(repeat):
            fresh()
            for earlier in before:
                _keystroke(tree, earlier)
            start = time.perf_counter()
            _keystroke(tree, text)
            times.append(time.perf_counter() - start)
            count = tree.match_count
        return statistics.median(times), count

    one_char_s, one_char_n = timed(word[0])
    ascii_s, ascii_n = timed(code_part[0])
    three_s, three_n = timed(word)
    narrow_s, narrow_n = timed(word, before=typed(word[:2]))
    code_s, code_n = timed(code_part, before=typed(code_part[:-1]))
    second = sample.location[-4:]
    multi_s, multi_n = timed(f"{word} {second}", before=typed(f"{word} {second[:-1]}"))
    widen_s, widen_n = timed(word[:2], before=typed(word))   # backspace: a cached query
    cold_widen_s, _ = timed(word[1:], before=(word,))        # the first character deleted
    fresh()
    _keystroke(tree, word)
    start = time.perf_counter()
    _keystroke(tree, "")
    clear_s = time.perf_counter() - start
    no_match_s, _ = timed("不存在的点位")

    needle = word
    peer_s = _median(lambda: [e for e in entries if needle in e.name])
    return {
        "cameras": len(entries),
        "groups_region_first": tree.group_count,
        "groups_unit_first": unit_tree.group_count,
        "build_region_first_ms": _ms(build_s),
        "build_unit_first_ms": _ms(build_unit_s),
        "keystroke_first_char_ms": _ms(one_char_s), "first_char": word[0],
        "first_char_matches": one_char_n,
        "keystroke_first_digit_ms": _ms(ascii_s), "first_digit_matches": ascii_n,
        "search_3_chars_cold_ms": _ms(three_s), "search_3_chars": word,
        "search_3_chars_matches": three_n,
        "keystroke_narrowing_ms": _ms(narrow_s), "narrowing_matches": narrow_n,
        "keystroke_code_narrowing_ms": _ms(code_s), "code_matches": code_n,
        "keystroke_two_terms_ms": _ms(multi_s), "two_terms_matches": multi_n,
        "keystroke_backspace_ms": _ms(widen_s), "backspace_matches": widen_n,
        "keystroke_delete_first_char_ms": _ms(cold_widen_s),
        "keystroke_no_match_ms": _ms(no_match_s),
        "clear_search_ms": _ms(clear_s),
        "peer_plain_name_scan_ms": _ms(peer_s),
        "first_char_vs_peer": round(one_char_s / peer_s, 2),
    }


def qt_figures(catalogue: PermittedCatalogue) -> dict[str, Any]:
    """The camera dock (item model, QTreeView, status line, details) on the offscreen
    platform: first show, keystrokes with their model resets, auto-expansion of a small
    result, clearing the search, switching the grouping."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415 - only with Qt

    from console.views.camera_dock import CameraDock  # noqa: PLC0415

    app = QApplication.instance() or QApplication([])
    word = _frequent_word(catalogue)
    code = catalogue.entries[len(catalogue.entries) // 3].code[-6:]

    dock = CameraDock()                 # no runner: the tree is built inline, so it is timed
    dock.resize(360, 900)
    dock.show()
    app.processEvents()
    start = time.perf_counter()
    dock.set_catalogue(catalogue)
    app.processEvents()
    shown_s = time.perf_counter() - start

    def keystroke(text: str) -> float:
        start = time.perf_counter()
        dock.search_edit.setText(text)
        app.processEvents()
        return time.perf_counter() - start

    first_s = keystroke(word[0])
    second_s = keystroke(word[:2])
    third_s = keystroke(word)
    code_s = keystroke(code)            # a handful of matches: shown expanded
    clear_s = keystroke("")
    start = time.perf_counter()
    dock.set_grouping(Grouping.UNIT_FIRST)
    app.processEvents()
    regroup_s = time.perf_counter() - start
    dock.close()
    return {
        "qt_dock_first_show_ms": _ms(shown_s),
        "qt_keystroke_first_char_ms": _ms(first_s),
        "qt_keystroke_second_char_ms": _ms(second_s),
        "qt_keystroke_third_char_ms": _ms(third_s),
        "qt_keystroke_code_expand_all_ms": _ms(code_s),
        "qt_clear_search_ms": _ms(clear_s),
        "qt_switch_grouping_ms": _ms(regroup_s),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cameras", type=int, default=100_000)
    parser.add_argument("--no-qt", action="store_true", help="skip the Qt model and view")
    args = parser.parse_args()
    start = time.perf_counter()
    catalogue = generate_catalogue(args.cameras)
    figures: dict[str, Any] = {"benchmark": "catalog_tree",
                               "generate_s": round(time.perf_counter() - start, 2)}
    figures.update(tree_figures(catalogue))
    if not args.no_qt:
        figures.update(qt_figures(catalogue))
    keystrokes = [v for k, v in figures.items() if "keystroke" in k and k.endswith("_ms")]
    figures["targets"] = {
        "tree_ready_under_1000_ms": max(figures["build_region_first_ms"],
                                        figures["build_unit_first_ms"]) < 1000,
        "keystroke_under_50_ms": max(keystrokes) < 50,
    }
    print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
