"""The Qt-free camera tree: grouping in both modes, counts, search as you type (name, code,
location, several terms, narrowing, widening, nothing found) and region names."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from benchmarks.catalog_tree import generate_catalogue
from console.access.model import CameraEntry, PermittedCatalogue
from console.catalog.tree import (
    ROOT,
    CameraTree,
    Grouping,
    NodeKind,
    region_name_path,
    search_terms,
)
from console.codes import ShareType
from console.grants.rules import Rights

NOW = datetime(2026, 1, 1, tzinfo=UTC)
REGIONS = {"32": "江苏省", "3205": "苏州市", "320508": "姑苏区", "32050801": "平江街道",
           "32050802": "沧浪街道", "320506": "吴中区"}


def camera(n: int, name: str, region: str, unit: str, category: str = "道路交通", *,
           online: bool = True, location: str = "") -> CameraEntry:
    units = {"POLICE": "姑苏公安分局", "TRAFFIC": "交警大队", "CITY": "城管局"}
    return CameraEntry(
        id=n, code=f"{region[:8]:0<8}00131{n % 10}{n:06d}", name=name,
        location=location or f"{name}附近", region_code=region, category=category,
        camera_type=1, ptz_capable=False, home_preset=None, owner_unit_code=unit,
        owner_unit_name=units.get(unit, ""), share_type=ShareType.UNCONDITIONAL,
        online=online, rights=Rights.LIVE)


CAMERAS = [
    camera(1, "平江路北口", "32050801", "POLICE", online=True),
    camera(2, "平江路南口", "32050801", "POLICE", online=False),
    camera(3, "观前街东", "32050801", "TRAFFIC", "背街小巷"),
    camera(4, "沧浪亭 Gate A", "32050802", "POLICE", location="人民路 North Entrance"),
    camera(5, "姑苏区政府", "320508", "CITY"),                     # district level, no street
    camera(6, "吴中大道", "32050601", "TRAFFIC", online=False),   # street without a name
]


def catalogue(entries: list[CameraEntry] = CAMERAS) -> PermittedCatalogue:
    return PermittedCatalogue(entries=list(entries), region_names=REGIONS, built_at=NOW,
                              next_change=None, revision="1")


def outline(tree: CameraTree, node: int = ROOT, depth: int = 0) -> list[str]:
    """The visible tree as indented lines: groups with online/total, cameras by name."""
    lines = []
    for child in tree.children(node):
        if tree.is_camera(child):
            lines.append("  " * depth + tree.entry(child).name)
        else:
            lines.append("  " * depth + f"{tree.name(child)} {tree.online(child)}/"
                         f"{tree.total(child)}")
            lines.extend(outline(tree, child, depth + 1))
    return lines


def visible_codes(tree: CameraTree, node: int = ROOT) -> set[str]:
    codes = set()
    for child in tree.children(node):
        codes |= {tree.entry(child).code} if tree.is_camera(child) else visible_codes(tree, child)
    return codes


def test_region_first_groups_city_district_street_unit_category() -> None:
    tree = CameraTree(catalogue(), Grouping.REGION_FIRST)
    assert outline(tree) == [
        "苏州市 4/6",
        "  吴中区 0/1",
        "    32050601 0/1",           # no name known: the code
        "      交警大队 0/1",
        "        道路交通 0/1",
        "          吴中大道",
        "  姑苏区 4/5",
        "    城管局 1/1",              # a district-level camera: before the streets
        "      道路交通 1/1",
        "        姑苏区政府",
        "    平江街道 2/3",
        "      交警大队 1/1",
        "        背街小巷 1/1",
        "          观前街东",
        "      姑苏公安分局 1/2",
        "        道路交通 1/2",
        "          平江路北口",
        "          平江路南口",
        "    沧浪街道 1/1",
        "      姑苏公安分局 1/1",
        "        道路交通 1/1",
        "          沧浪亭 Gate A",
    ]
    assert tree.total() == 6 and tree.online() == 4
    assert [tree.kind(n) for n in (0, 1, 2, 3, 4)] == [
        NodeKind.REGION, NodeKind.REGION, NodeKind.REGION, NodeKind.UNIT, NodeKind.CATEGORY]


def test_unit_first_groups_unit_then_regions_then_category() -> None:
    tree = CameraTree(catalogue(), Grouping.UNIT_FIRST)
    assert outline(tree)[:12] == [
        "交警大队 1/2",
        "  苏州市 1/2",
        "    吴中区 0/1",
        "      32050601 0/1",
        "        道路交通 0/1",
        "          吴中大道",
        "    姑苏区 1/1",
        "      平江街道 1/1",
        "        背街小巷 1/1",
        "          观前街东",
        "城管局 1/1",
        "  苏州市 1/1",
    ]
    # siblings in code-point order of their names (no collation in the core)
    assert [tree.name(n) for n in tree.children()] == ["交警大队", "城管局", "姑苏公安分局"]


def test_every_group_covers_a_contiguous_range_and_counts_are_sums() -> None:
    tree = CameraTree(generate_catalogue(3000, seed=7), Grouping.REGION_FIRST)
    for gid in range(tree.group_count):
        lo, hi = tree.span(gid)
        below = tree.entries[lo:hi]
        assert tree.total(gid) == len(below) > 0
        assert tree.online(gid) == sum(e.online for e in below)
        group = tree.group(gid)
        children = tree.children(gid)
        if group.kind == NodeKind.CATEGORY:
            assert [tree.entry(c).category for c in children] == [group.key] * len(below)
        else:
            assert sum(tree.total(c) for c in children) == len(below)
    assert sum(tree.total(r) for r in tree.children()) == 3000


def test_units_without_a_name_and_empty_categories_still_group() -> None:
    entries = [camera(1, "甲", "32050801", "NONAME", ""), camera(2, "乙", "32", "NONAME", "")]
    tree = CameraTree(catalogue(entries))
    assert outline(tree) == [
        "NONAME 1/1",                  # the province alone is no level: straight to the unit
        "   1/1",
        "    乙",
        "苏州市 1/1",
        "  姑苏区 1/1",
        "    平江街道 1/1",
        "      NONAME 1/1",
        "         1/1",
        "          甲",
    ]


def test_region_names_fall_back_to_the_code() -> None:
    assert region_name_path("32050801", REGIONS) == ["江苏省", "苏州市", "姑苏区", "平江街道"]
    assert region_name_path("32050601", REGIONS) == ["江苏省", "苏州市", "吴中区", "32050601"]
    assert region_name_path("33010203", {}) == ["3301", "330102", "33010203"]
    tree = CameraTree(catalogue())
    assert tree.region_names(CAMERAS[5]) == ["江苏省", "苏州市", "吴中区", "32050601"]


def test_search_name_code_and_location_case_insensitive() -> None:
    tree = CameraTree(catalogue())
    tree.set_filter("平江路")
    assert visible_codes(tree) == {CAMERAS[0].code, CAMERAS[1].code}
    assert tree.filtering and tree.match_count == 2 and tree.matched() == 2
    tree.set_filter(CAMERAS[2].code[-6:])                       # part of a code
    assert visible_codes(tree) == {CAMERAS[2].code}
    tree.set_filter("north entrance")                           # location, other case
    assert visible_codes(tree) == {CAMERAS[3].code}
    tree.set_filter("NORTH 平江")                                # two terms: both must match
    assert visible_codes(tree) == set()
    tree.set_filter("gate a")
    assert visible_codes(tree) == {CAMERAS[3].code}


def test_several_terms_must_all_match() -> None:
    tree = CameraTree(catalogue())
    tree.set_filter("平江 南")
    assert visible_codes(tree) == {CAMERAS[1].code}
    tree.set_filter("  南   平江 ")                              # order and spaces do not matter
    assert visible_codes(tree) == {CAMERAS[1].code}
    assert search_terms("平江 平江路 a A") == ("a", "平江路")      # contained terms are dropped


def test_groups_are_shown_only_with_matches_below_and_count_them() -> None:
    tree = CameraTree(catalogue())
    tree.set_filter("路")            # two names, and one location (人民路 North Entrance)
    assert outline(tree) == [
        "苏州市 4/6",
        "  姑苏区 4/5",
        "    平江街道 2/3",
        "      姑苏公安分局 1/2",
        "        道路交通 1/2",
        "          平江路北口",
        "          平江路南口",
        "    沧浪街道 1/1",
        "      姑苏公安分局 1/1",
        "        道路交通 1/1",
        "          沧浪亭 Gate A",
    ]
    city = tree.children()[0]
    assert tree.matched(city) == 3 and tree.total(city) == 6   # matches vs the whole group


def brute(tree: CameraTree, text: str) -> list[int]:
    terms = text.casefold().split()
    return [i for i, e in enumerate(tree.entries)
            if all(t in f"{e.name} {e.code} {e.location}".casefold() for t in terms)]


class CountingList(list[str]):
    """Haystacks that count how often they are scanned from end to end."""

    scans = 0

    def __iter__(self) -> Iterator[str]:
        CountingList.scans += 1
        return super().__iter__()


def test_typing_narrows_within_the_previous_matches() -> None:
    cat = generate_catalogue(5000, seed=3)
    tree = CameraTree(cat)
    tree._haystacks = CountingList(tree._haystacks)    # watching the scans
    CountingList.scans = 0
    word = cat.entries[10].name[:4]
    previous: set[int] | None = None
    for n in range(1, len(word) + 1):
        tree.set_filter(word[:n])
        found = set(tree.matches or [])
        assert found == set(brute(tree, word[:n]))
        if previous is not None:
            assert found <= previous
        previous = found
    assert CountingList.scans == 1                  # only the first keystroke scanned all
    tree.set_filter(f"{word} {cat.entries[10].code[-3:]}")
    assert CountingList.scans == 1 and tree.entries[tree.matches[0]].name.startswith(word)


def test_deleting_a_character_widens_again() -> None:
    cat = generate_catalogue(2000, seed=5)
    tree = CameraTree(cat)
    word = cat.entries[0].name[:3]
    tree.set_filter(word[:2])
    two_list = tree.matches
    assert two_list == brute(tree, word[:2])
    tree.set_filter(word)
    assert tree.matches == brute(tree, word)
    tree.set_filter(word[:2])                       # backspace: the earlier answer again
    assert tree.matches is two_list
    tree.set_filter(word[1:])                       # the first character deleted
    assert tree.matches == brute(tree, word[1:])
    assert len(tree.matches) >= len(brute(tree, word))
    tree.set_filter("")
    assert not tree.filtering and tree.match_count == 2000 and tree.child_count() > 0


def test_no_match_shows_nothing() -> None:
    tree = CameraTree(catalogue())
    assert tree.set_filter("不存在的点位")
    assert tree.match_count == 0 and tree.children() == [] and tree.matched() == 0
    assert not tree.set_filter("不存在的点位 ")      # the same terms: nothing to recompute
    assert tree.filter_text == "不存在的点位 "
    tree.set_filter("")
    assert len(tree.children()) == 1


def test_rows_parents_and_key_paths_agree_under_a_filter() -> None:
    cat = generate_catalogue(3000, seed=11)
    for grouping in Grouping:
        tree = CameraTree(cat, grouping)
        for text in ("", "路", cat.entries[5].name[:3], cat.entries[9].code[-4:]):
            tree.set_filter(text)
            pending = [ROOT]
            seen = 0
            while pending:
                node = pending.pop()
                for row, child in enumerate(tree.children(node)):
                    assert tree.parent(child) == node and tree.row(child) == row
                    assert tree.is_visible(child) and tree.find(tree.key_path(child)) == child
                    pending.append(child)
                    seen += tree.is_camera(child)
            assert seen == tree.match_count


def test_cameras_are_found_by_code_and_sorted_by_name() -> None:
    tree = CameraTree(catalogue())
    node = tree.node_for_code(CAMERAS[1].code)
    assert node is not None and tree.entry(node) == CAMERAS[1]
    assert tree.entry_for_code("nope") is None and tree.node_for_code("nope") is None
    category = tree.parent(node)
    assert [tree.entry(c).name for c in tree.children(category)] == ["平江路北口", "平江路南口"]
    assert tree.key_path(node)[-1] == ("camera", CAMERAS[1].code)


def test_an_empty_catalogue_makes_an_empty_tree() -> None:
    tree = CameraTree(catalogue([]))
    assert tree.size == 0 and tree.children() == () and tree.online() == 0
    tree.set_filter("x")
    assert tree.match_count == 0


@pytest.mark.parametrize("grouping", list(Grouping))
def test_a_large_tree_builds_and_filters(grouping: Grouping) -> None:
    """Correctness at size (the timings are in benchmarks/catalog_tree.py)."""
    cat = generate_catalogue(20_000, seed=2)
    tree = CameraTree(cat, grouping)
    assert tree.total() == 20_000 and tree.online() == sum(e.online for e in cat.entries)
    text = cat.entries[123].name[2:5]
    tree.set_filter(text)
    assert tree.matches == brute(tree, text)
    assert sum(tree.matched(r) for r in tree.children()) == tree.match_count
