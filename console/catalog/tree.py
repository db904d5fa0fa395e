"""The permitted camera tree, without Qt: grouping, counts and search as you type (R4).

Built once from a ``PermittedCatalogue`` for one grouping:

- ``REGION_FIRST``: city → district → street (civil-code prefixes of 4, 6 and 8 digits) →
  owner unit → category → camera;
- ``UNIT_FIRST``: owner unit → city → district → street → category → camera.

Designed for 100,000 cameras. The cameras are sorted once by their grouping path (one string
key each), so every group covers a contiguous range ``[lo, hi)`` of the sorted array. Prefix
sums of the online flags make a group's "online / total" O(1). Search keeps the sorted list
of matching positions; a group is visible iff ``bisect`` finds a match inside its range, and
its visible children are worked out only when asked for (the view asks for what it shows).

Node ids are plain integers: groups are ``0 … groups-1`` (in tree order), a camera is
``groups + its position`` in the sorted array, and ``ROOT`` (-1) is the invisible root.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from enum import StrEnum
from itertools import accumulate

from console.access.model import CameraEntry, PermittedCatalogue
from console.catalog.gbcode import region_path
from console.gc_pause import collector_paused

ROOT = -1
REGION_LEVELS = (4, 6, 8)        # city, district, street
_CACHED_SEARCHES = 16            # recent queries kept (backspace re-uses them)


class Grouping(StrEnum):
    REGION_FIRST = "region_first"
    UNIT_FIRST = "unit_first"


class NodeKind(StrEnum):
    REGION = "region"
    UNIT = "unit"
    CATEGORY = "category"
    CAMERA = "camera"


# One level of a camera's grouping path: (kind, key, name).
Component = tuple[NodeKind, str, str]
# A node named by its (kind, key) pairs from the top: survives a rebuild of the tree.
KeyPath = tuple[tuple[str, str], ...]


class Group:
    """A group node: the cameras ``[lo, hi)`` of the sorted array share its path."""

    __slots__ = ("children", "hi", "key", "kind", "lo", "name", "parent", "path")

    def __init__(self, kind: NodeKind, key: str, name: str, parent: int, lo: int,
                 path: KeyPath) -> None:
        self.kind, self.key, self.name, self.parent = kind, key, name, parent
        self.lo = self.hi = lo
        self.path = path
        self.children: list[int] = []   # child groups; empty for a category (cameras below)

    def __repr__(self) -> str:
        return f"Group({self.kind}, {self.key!r}, {self.name!r}, [{self.lo}, {self.hi}))"


def region_levels(code: str) -> list[str]:
    """The city, district and street codes a region code lies in (those it has)."""
    return [level for level in region_path(code) if len(level) in REGION_LEVELS]


def region_name_path(code: str, region_names: Mapping[str, str]) -> list[str]:
    """Names from the top down for a camera's region: known levels by name, unnamed city,
    district and street levels by their code (a province without a name is left out)."""
    return [region_names.get(level) or level for level in region_path(code)
            if level in region_names or len(level) in REGION_LEVELS]


def search_terms(text: str) -> tuple[str, ...]:
    """Case-folded, space-separated terms; a term contained in another one is dropped."""
    terms = set(text.casefold().split())
    return tuple(sorted(t for t in terms if not any(t != u and t in u for u in terms)))




class CameraTree:
    def __init__(self, catalogue: PermittedCatalogue,
                 grouping: Grouping = Grouping.REGION_FIRST) -> None:
        self.catalogue = catalogue
        self.grouping = grouping
        entries = catalogue.entries
        self._groups: list[Group] = []
        self._roots: list[int] = []
        self._by_path: dict[KeyPath, int] = {}
        with collector_paused():  # ~10^5 new objects, no cycles: the collector would only slow it
            keys, paths = self._sort_keys(entries, grouping, catalogue.region_names)
            order = sorted(range(len(entries)), key=keys.__getitem__)
            del keys
            self.entries: list[CameraEntry] = [entries[i] for i in order]
            self._build_groups([paths[i] for i in order])
            self._leaf_ids = [gid for gid, g in enumerate(self._groups) if not g.children]
            self._leaf_los = [self._groups[gid].lo for gid in self._leaf_ids]
            self._online = list(accumulate((e.online for e in self.entries), initial=0))
            self._haystacks = [f"{e.name}\0{e.code}\0{e.location}".casefold()
                               for e in self.entries]
        self._positions: dict[str, int] | None = None
        # the filter and the visible children it implies (recomputed lazily)
        self._text = ""
        self._terms: tuple[str, ...] = ()
        self._matches: list[int] | None = None
        self._searches: OrderedDict[tuple[str, ...], list[int]] = OrderedDict()
        self._children: dict[int, Sequence[int]] = {}
        self._rows: dict[int, int] = {}

    # -- building ------------------------------------------------------------------------------

    @staticmethod
    def _sort_keys(entries: Sequence[CameraEntry], grouping: Grouping,
                   region_names: Mapping[str, str]
                   ) -> tuple[list[str], list[tuple[Component, ...]]]:
        """One sort string and one grouping path per camera. The strings are built so that
        every group's cameras share a prefix no other camera has: sorted, they are
        contiguous. Paths are shared between cameras of the same (region, unit, category)."""
        regions: dict[str, tuple[str, tuple[Component, ...]]] = {}
        units: dict[str, tuple[str, Component]] = {}
        prefixes: dict[tuple[str, str, str], tuple[str, tuple[Component, ...]]] = {}
        keys: list[str] = []
        paths: list[tuple[Component, ...]] = []
        unit_first = grouping == Grouping.UNIT_FIRST
        for e in entries:
            triple = (e.region_code, e.owner_unit_code, e.category)
            known = prefixes.get(triple)
            if known is None:
                region = regions.get(e.region_code)
                if region is None:
                    levels = region_levels(e.region_code)
                    region = regions[e.region_code] = (
                        "\x01".join(levels),
                        tuple((NodeKind.REGION, code, region_names.get(code) or code)
                              for code in levels))
                unit = units.get(e.owner_unit_code)
                if unit is None:
                    name = e.owner_unit_name or e.owner_unit_code
                    unit = units[e.owner_unit_code] = (
                        f"{name}\x02{e.owner_unit_code}",
                        (NodeKind.UNIT, e.owner_unit_code, name))
                category: Component = (NodeKind.CATEGORY, e.category, e.category)
                if unit_first:
                    known = (f"{unit[0]}\0{region[0]}\0{e.category}\0",
                             (unit[1], *region[1], category))
                else:
                    known = (f"{region[0]}\0{unit[0]}\0{e.category}\0",
                             (*region[1], unit[1], category))
                prefixes[triple] = known
            keys.append(f"{known[0]}{e.name}\0{e.code}")
            paths.append(known[1])
        return keys, paths

    def _build_groups(self, paths: list[tuple[Component, ...]]) -> None:
        groups = self._groups
        stack: list[int] = []                     # the open groups, one per level
        previous: tuple[Component, ...] = ()
        for pos, path in enumerate(paths):
            if path is previous:
                continue
            depth, limit = 0, min(len(path), len(previous))
            while depth < limit and path[depth] == previous[depth]:
                depth += 1
            for gid in stack[depth:]:
                groups[gid].hi = pos
            del stack[depth:]
            for kind, key, name in path[depth:]:
                parent = stack[-1] if stack else ROOT
                parent_path = groups[parent].path if stack else ()
                gid = len(groups)
                group = Group(kind, key, name, parent, pos, (*parent_path, (kind.value, key)))
                groups.append(group)
                (groups[parent].children if stack else self._roots).append(gid)
                self._by_path[group.path] = gid
                stack.append(gid)
            previous = path
        for gid in stack:
            groups[gid].hi = len(paths)

    # -- structure -----------------------------------------------------------------------------

    @property
    def size(self) -> int:
        """How many cameras the tree holds (filtered or not)."""
        return len(self.entries)

    @property
    def group_count(self) -> int:
        return len(self._groups)

    def is_camera(self, node: int) -> bool:
        return node >= len(self._groups)

    def group(self, node: int) -> Group:
        return self._groups[node]

    def kind(self, node: int) -> NodeKind:
        return NodeKind.CAMERA if self.is_camera(node) else self._groups[node].kind

    def name(self, node: int) -> str:
        return self.entry(node).name if self.is_camera(node) else self._groups[node].name

    def entry(self, node: int) -> CameraEntry:
        return self.entries[node - len(self._groups)]

    def span(self, node: int) -> tuple[int, int]:
        """The positions ``[lo, hi)`` of the sorted cameras below (or at) ``node``."""
        if node == ROOT:
            return 0, len(self.entries)
        if self.is_camera(node):
            pos = node - len(self._groups)
            return pos, pos + 1
        group = self._groups[node]
        return group.lo, group.hi

    def parent(self, node: int) -> int:
        if self.is_camera(node):
            pos = node - len(self._groups)
            return self._leaf_ids[bisect_right(self._leaf_los, pos) - 1]
        return self._groups[node].parent if node != ROOT else ROOT

    def children(self, node: int = ROOT) -> Sequence[int]:
        """The visible children of ``node`` (under the current filter), computed on demand."""
        known = self._children.get(node)
        if known is not None:
            return known
        groups, matches = self._groups, self._matches
        if node != ROOT and node >= len(groups):
            return ()
        ids = self._roots if node == ROOT else groups[node].children
        result: Sequence[int]
        if ids:
            result = ids if matches is None else [
                gid for gid in ids if self._has_match(groups[gid].lo, groups[gid].hi)]
            for row, gid in enumerate(result):
                self._rows[gid] = row
        elif node == ROOT:
            result = ()
        else:
            lo, hi, base = groups[node].lo, groups[node].hi, len(groups)
            if matches is None:
                result = range(base + lo, base + hi)
            else:
                result = [base + p for p in
                          matches[bisect_left(matches, lo):bisect_left(matches, hi)]]
        self._children[node] = result
        return result

    def child_count(self, node: int = ROOT) -> int:
        return len(self.children(node))

    def row(self, node: int) -> int:
        """The position of a visible node among its parent's visible children."""
        if self.is_camera(node):
            pos = node - len(self._groups)
            leaf_lo = self._groups[self.parent(node)].lo
            matches = self._matches
            if matches is None:
                return pos - leaf_lo
            return bisect_left(matches, pos) - bisect_left(matches, leaf_lo)
        row = self._rows.get(node)
        if row is None:
            self.children(self._groups[node].parent)
            row = self._rows.get(node)
            if row is None:
                raise KeyError(f"node {node} is not visible")
        return row

    def is_visible(self, node: int) -> bool:
        lo, hi = self.span(node)
        return self._has_match(lo, hi)

    def key_path(self, node: int) -> KeyPath:
        """A name for a node that survives a rebuild (expansion and selection are restored
        by it): the (kind, key) pairs from the top."""
        if self.is_camera(node):
            return (*self._groups[self.parent(node)].path,
                    (NodeKind.CAMERA.value, self.entry(node).code))
        return self._groups[node].path

    def find(self, path: KeyPath) -> int | None:
        """The node a key path names, if it is in this tree."""
        if path and path[-1][0] == NodeKind.CAMERA.value:
            return self.node_for_code(path[-1][1])
        return self._by_path.get(path)

    def node_for_code(self, code: str) -> int | None:
        if self._positions is None:
            self._positions = {e.code: pos for pos, e in enumerate(self.entries)}
        pos = self._positions.get(code)
        return None if pos is None else len(self._groups) + pos

    def entry_for_code(self, code: str) -> CameraEntry | None:
        node = self.node_for_code(code)
        return None if node is None else self.entry(node)

    def region_names(self, entry: CameraEntry) -> list[str]:
        return region_name_path(entry.region_code, self.catalogue.region_names)

    # -- counts --------------------------------------------------------------------------------

    def total(self, node: int = ROOT) -> int:
        lo, hi = self.span(node)
        return hi - lo

    def online(self, node: int = ROOT) -> int:
        lo, hi = self.span(node)
        return self._online[hi] - self._online[lo]

    def matched(self, node: int = ROOT) -> int:
        """Cameras below ``node`` that match the filter (all of them when none is set)."""
        lo, hi = self.span(node)
        matches = self._matches
        return hi - lo if matches is None else bisect_left(matches, hi) - bisect_left(matches, lo)

    # -- search --------------------------------------------------------------------------------

    @property
    def filter_text(self) -> str:
        return self._text

    @property
    def terms(self) -> tuple[str, ...]:
        """The terms of the current filter (what ``search_terms`` made of its text)."""
        return self._terms

    @property
    def filtering(self) -> bool:
        return self._matches is not None

    @property
    def matches(self) -> list[int] | None:
        """Sorted positions of the matching cameras; None when no filter is set."""
        return self._matches

    @property
    def match_count(self) -> int:
        return len(self.entries) if self._matches is None else len(self._matches)

    def set_filter(self, text: str) -> bool:
        """Show only cameras whose name, code or location contains every term of ``text``
        (case-insensitive). Returns whether the visible set may have changed."""
        self._text = text
        terms = search_terms(text)
        if terms == self._terms:
            return False
        self._terms = terms
        self._children.clear()
        self._rows.clear()
        self._matches = self._search(terms) if terms else None
        return True

    def forget_searches(self) -> None:
        """Drop the remembered results of earlier queries (the next search scans again)."""
        self._searches.clear()

    def _search(self, terms: tuple[str, ...]) -> list[int]:
        searches = self._searches
        known = searches.get(terms)
        if known is not None:
            searches.move_to_end(terms)
            return known
        # Narrowing: a cached query each of whose terms lies inside one of the new terms
        # matched a superset; only its matches need looking at (the smallest such set).
        base: list[int] | None = None
        done: tuple[str, ...] = ()
        for query, found in searches.items():
            if (base is None or len(found) < len(base)) and all(
                    any(old in new for new in terms) for old in query):
                base, done = found, query
        haystacks = self._haystacks
        todo = sorted((t for t in terms if t not in done), key=len, reverse=True)
        if base is None:  # no earlier query to narrow: scan everything for the longest term
            first = todo.pop(0)
            base = [i for i, h in enumerate(haystacks) if first in h]
        for term in todo:
            base = [i for i in base if term in haystacks[i]]
        searches[terms] = base
        if len(searches) > _CACHED_SEARCHES:
            searches.popitem(last=False)
        return base

    def _has_match(self, lo: int, hi: int) -> bool:
        matches = self._matches
        if matches is None:
            return hi > lo
        i = bisect_left(matches, lo)
        return i < len(matches) and matches[i] < hi
