"""``near-duplicates``: copy-pasted goal texts or indicator lists across all projects of all
tables given, reported once per group; ``unscaled-targets``: in such groups of indicator lists,
the projects whose count targets do not scale with their money.

Candidate pairs come from an inverted index of bottom-k character-shingle sketches (a
one-permutation MinHash): two texts share a sketch key with high probability when their
shingle sets overlap much, so only those pairs are compared — sub-quadratic in practice.
Every candidate pair is verified with rapidfuzz at the configured threshold; groups are the
connected components (union-find). Large buckets (one template copied hundreds of times) are
clustered against leaders instead of all pairs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import ClassVar, Literal

from pydantic import Field

from ..rulekit import Context, CrossTableCheck, Hit, Params, register
from ..text import nfkc
from ..model import Amounts, Project, Source, Table, Unit, fast_new, source_label
from ..values import canonical_unit, parse_value
from .sketches import key_width, packed_keys

_STRIP = re.compile(r"[\s，,。.；;：:、“”\"'（）()《》【】\[\]!！?？\-—]+")


def normalize_text(text: str) -> str:
    return _STRIP.sub("", nfkc(text))  # text.nfkc: unicodedata's NFKC, fast for Chinese punctuation


class Doc:
    """One project as compared: its text and where it sits. A project known only from the
    roster part (a parallel run's tables carry no projects) is made from its record when a
    finding needs it, i.e. for the members of a group only (once per run: ``made``)."""

    __slots__ = ("table", "text", "key", "_unit", "_project", "_record", "_made")

    def __init__(self, table: Table | None, unit: Unit | None, project: Project | None, text: str, key: tuple,
                 record: tuple | None = None, made: dict | None = None):
        self.table, self.text, self.key = table, text, key  # text: normalised; key: project_key
        self._unit, self._project, self._record, self._made = unit, project, record, made

    def _make(self) -> None:
        made = self._made if self._made is not None else {}
        if self.key not in made:
            made[self.key] = from_record(self._record)
        self._unit, self._project = made[self.key]

    @property
    def unit(self) -> Unit:
        if self._unit is None:
            self._make()
        return self._unit

    @property
    def project(self) -> Project:
        if self._project is None:
            self._make()
        return self._project

    # What a group finding lists of every member, read from the record when the project is
    # known only by it: only the project a finding points at is made (a city's groups list
    # tens of thousands of members).
    @property
    def name(self) -> str:
        return self._project.name if self._project is not None else self._record[3]

    @property
    def total(self) -> Decimal | None:
        return self._project.amounts.total if self._project is not None else self._record[5]

    @property
    def unit_name(self) -> str:
        return self._unit.name if self._unit is not None else self._record[2]

    @property
    def place(self) -> tuple:
        """(file, line, end_line, sheet, cell) of the project."""
        if self._project is not None:
            s = self._project.source
            return s.file, s.line, s.end_line, s.sheet, s.cell
        return self._record[6]


ROSTER = ("roster",)  # the part naming every project: file → [roster_record(...)] in table order


def roster_record(ui: int, pi: int, unit: Unit, project: Project) -> tuple:
    """What a group finding reads of a project (name, goal, money, where), as a plain tuple:
    a city corpus's hundred thousand projects travel and wait in the main process as these."""
    s = project.source
    return (ui, pi, unit.name, project.name, project.goal, project.amounts.total,
            (s.file, s.line, s.end_line, s.sheet, s.cell), _fields(project.field_lines), _fields(project.field_cells))


MEMBER_FIELDS = ("goal", "name", "amounts")  # the fields a group finding points at


def _fields(where: dict) -> tuple | None:
    return tuple((k, where[k]) for k in MEMBER_FIELDS if k in where) or None


def from_record(record: tuple) -> tuple[Unit, Project]:
    _, _, unit_name, name, goal, total, (file, line, end_line, sheet, cell), lines, cells = record
    # the record's values are the model's own: built without validation (model.fast_new)
    source = fast_new(Source, file=file, line=line, end_line=end_line, sheet=sheet, cell=cell)
    project = fast_new(Project, name=name, goal=goal, amounts=fast_new(Amounts, total=total), source=source,
                       field_lines=dict(lines or ()), field_cells=dict(cells or ()))
    return fast_new(Unit, name=unit_name), project


def prepare_roster(table: Table) -> dict:
    return {table.source.file: [roster_record(ui, pi, unit, project)
                                for ui, unit in enumerate(table.units) for pi, project in enumerate(unit.projects)]}


class UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True


# Texts sketched at once with numpy (sketch_batch) from this many: below, importing numpy
# (~0.08 s) costs more than it saves.
BATCH_MIN = 2000


def packed_keys_many(texts: list[str], shingle: int = 3, bins: int = 32, rows: int = 4,
                     batch_min: int = BATCH_MIN) -> list[bytes]:
    """[packed_keys(t, shingle, bins, rows) for t in texts], a large batch at once
    (sketch_batch.packed_many: the same bytes)."""
    if len(texts) < batch_min:
        return [packed_keys(t, shingle, bins, rows) for t in texts]
    from .sketch_batch import packed_many

    return packed_many(texts, shingle, bins, rows)


def shared_buckets(reps: Sequence[int], packed: Sequence[bytes], width: int) -> list[tuple[int, int, list[int]]]:
    """The buckets two or more texts share: for each band, the texts (reps, increasing, each
    with its packed band keys) whose keys in that band are equal, as (first member, band,
    members in order), sorted by first member, then band: the order the keys were first seen
    over all bands (text by text, band by band), which the leader clustering depends on. One band at a time (a city corpus's million band keys
    never sit in one dict); a key's first text is kept in a plain dict, a list is made only for
    a key a second text shares."""
    found: list[tuple[int, int, list[int]]] = []
    for band in range(len(packed[0]) // width if packed else 0):
        lo, hi = band * width, (band + 1) * width
        first: dict[bytes, int] = {}
        shared: dict[bytes, list[int]] = {}
        for i, keys in zip(reps, packed):
            key = keys[lo:hi]
            j = first.setdefault(key, i)
            if j != i:
                if key in shared:
                    shared[key].append(i)
                else:
                    shared[key] = [j, i]
        found += [(members[0], band, members) for members in shared.values()]
    found.sort(key=lambda b: (b[0], b[1]))
    return found


def shared_buckets_many(reps: Sequence[int], packed: Sequence[bytes], width: int,
                        batch_min: int = BATCH_MIN) -> list[tuple[int, int, list[int]]]:
    """shared_buckets(reps, packed, width), a large batch with numpy (the same list)."""
    if len(packed) < batch_min:
        return shared_buckets(reps, packed, width)
    from .sketch_batch import shared_many

    return shared_many(reps, packed, width)


def near_duplicate_groups(
    texts: Sequence[str],
    threshold: float,
    shingle: int = 3,
    bins: int = 32,
    rows: int = 4,
    max_bucket: int = 1000,
    leader_bucket: int = 64,
    known_keys: dict[str, bytes] | None = None,
) -> tuple[list[list[int]], dict[str, int]]:
    """Groups (lists of indices, size ≥ 2) of texts whose rapidfuzz ratio ≥ threshold (0–100),
    joined transitively. A bucket larger than max_bucket is a key made of shingles common to
    unrelated texts (a template phrase): it is skipped. known_keys holds packed_keys()
    computed elsewhere (in worker processes). Returns the groups and counters."""
    stats = {"texts": len(texts), "compared": 0, "exact": 0, "buckets": 0, "skipped_buckets": 0}
    uf = UnionFind(len(texts))
    # 1. exact copies: one representative each
    first_of: dict[str, int] = {}
    reps: list[int] = []
    for i, text in enumerate(texts):
        if not text:
            continue
        j = first_of.setdefault(text, i)
        if j != i:
            uf.union(i, j)
            stats["exact"] += 1
        else:
            reps.append(i)
    del first_of
    # 2. banded sketches → the buckets two or more texts share (shared_buckets)
    known = known_keys or {}
    width = key_width(bins, rows)
    missing = [texts[i] for i in reps if texts[i] not in known]  # a serial run's: none prepared
    computed = dict(zip(missing, packed_keys_many(missing, shingle, bins, rows)))
    packed = [known.get(texts[i]) or computed[texts[i]] for i in reps]
    del computed, missing
    found = shared_buckets_many(reps, packed, width)
    del packed

    passing = passing_at(threshold)
    for _, _, members in found:
        if len(members) > max_bucket:
            stats["skipped_buckets"] += 1
            continue
        stats["buckets"] += 1
        if len(members) <= leader_bucket:
            stats["compared"] += join_all_pairs(members, texts, passing, uf)
        else:
            stats["compared"] += join_to_leaders(members, texts, passing, uf)
    groups: dict[int, list[int]] = defaultdict(list)
    for i, text in enumerate(texts):
        if text:
            groups[uf.find(i)].append(i)
    return [g for g in groups.values() if len(g) > 1], stats


def copied_groups(texts: Sequence[str], threshold: float, shingle: int, bins: int, rows: int, max_bucket: int,
                  known_keys: dict[str, bytes] | None) -> list[list[int]]:
    """The groups of near_duplicate_groups (the stage job of the copied-groups checks: a
    module-level function, so another process can run it)."""
    return near_duplicate_groups(texts, threshold, shingle, bins, rows, max_bucket, known_keys=known_keys)[0]


def passing_at(threshold: float) -> Callable[[str, list[str]], list[int]]:
    """passing(query, choices): the indices of the choices whose rapidfuzz ratio with query is
    ≥ threshold, all compared in one call in C (the query prepared once) rather than a Python
    call per pair."""
    from rapidfuzz import fuzz, process

    ratio, extract = fuzz.ratio, process.extract

    def passing(query: str, choices: list[str]) -> list[int]:
        if len(choices) == 1:
            return [0] if ratio(query, choices[0], score_cutoff=threshold) >= threshold else []
        return [k for _, _, k in extract(query, choices, scorer=ratio, score_cutoff=threshold, limit=None)]

    return passing


def join_all_pairs(members: list[int], texts: Sequence[str], passing: Callable, uf: UnionFind) -> int:
    """Join every pair of the bucket whose texts pass. The components afterwards are those of
    the pairs that pass, whichever pairs are left out as joined already: pairs joined before
    this bucket are not compared. Returns the number of comparisons."""
    find = uf.find
    if len(members) == 2:  # most buckets
        a, b = members
        if find(a) != find(b):
            if passing(texts[a], [texts[b]]):
                uf.union(a, b)
            return 1
        return 0
    compared, n = 0, len(members)
    roots = [find(m) for m in members]
    bucket_texts = [texts[m] for m in members]
    apart = len(set(roots)) == n  # the usual case: nothing in the bucket joined yet
    for x in range(n - 1):
        if apart:
            rest = range(x + 1, n)
            choices = bucket_texts[x + 1:]
        else:
            rest = [y for y in range(x + 1, n) if roots[y] != roots[x]]
            choices = [bucket_texts[y] for y in rest]
        if not rest:
            continue
        compared += len(rest)
        a = members[x]
        for k in passing(bucket_texts[x], choices):
            uf.union(a, members[rest[k]])
    return compared


def join_to_leaders(members: list[int], texts: Sequence[str], passing: Callable, uf: UnionFind) -> int:
    """A huge bucket: each member joins the first leader so far (in bucket order) that is in
    its component already or whose text passes, else becomes a leader. first[root] is the
    first leader of each component, so only the leaders before it are compared, all at once.
    Returns the number of comparisons."""
    find, compared = uf.find, 0
    leaders: list[int] = []
    leader_texts: list[str] = []
    first: dict[int, int] = {}  # component root → index of its first leader
    for a in members:
        ra = find(a)
        joined = first.get(ra, len(leaders))
        if joined:
            compared += joined
            joined = min(passing(texts[a], leader_texts[:joined]), default=joined)
        if joined < len(leaders):
            rl = find(leaders[joined])
            uf.union(a, leaders[joined])
            firsts = [first.pop(r) for r in {ra, rl} if r in first]
            first[find(a)] = min(firsts)
        else:
            first[ra] = len(leaders)
            leaders.append(a)
            leader_texts.append(texts[a])
    return compared


def telling_difference(a: str, b: str, limit: int = 3) -> str:
    """The first differing spans of two texts: "「甲区」↔「乙区」"."""
    from rapidfuzz.distance import Indel

    spans = []
    pending_a, pending_b = [], []
    for op in Indel.opcodes(a, b):
        if op.tag == "equal":
            if pending_a or pending_b:
                spans.append(("".join(pending_a), "".join(pending_b)))
                pending_a, pending_b = [], []
            continue
        pending_a.append(a[op.src_start:op.src_end])
        pending_b.append(b[op.dest_start:op.dest_end])
    if pending_a or pending_b:
        spans.append(("".join(pending_a), "".join(pending_b)))
    shown = [f"「{x or '（无）'}」↔「{y or '（无）'}」" for x, y in spans[:limit]]
    if len(spans) > limit:
        shown.append(f"等 {len(spans)} 处")
    return "，".join(shown) if shown else "文字完全相同"


def project_key(table: Table, unit_index: int, project_index: int) -> tuple:
    """A project's identity across processes: its table's file and its position there.
    (Not its source: a YAML/JSON table has no lines or cells, so two projects of the same
    name would share one key and one would take the other's text.)"""
    return (table.source.file, unit_index, project_index)


def positioned(tables: Iterable[Table]) -> Iterable[tuple[Table, Unit, Project, tuple]]:
    for table in tables:
        for ui, unit in enumerate(table.units):
            for pi, project in enumerate(unit.projects):
                yield table, unit, project, project_key(table, ui, pi)


def indicator_signature(project: Project) -> str:
    return "|".join(f"{i.name}:{i.period_value or ''}/{i.annual_value or ''}" for i in project.indicators)


@lru_cache(maxsize=4096)  # indicators repeat across a city's projects
def _indicator_text(name: str, period: str | None, annual: str | None) -> str:
    return normalize_text(f"{name}:{period or ''}/{annual or ''}")


def signature_text(project: Project) -> str:
    """normalize_text(indicator_signature(project)), one indicator at a time: normalising and
    stripping never reach across the "|" between indicators (NFKC neither composes nor
    reorders anything with it), so each indicator's part is normalised once per process."""
    return "|".join([_indicator_text(i.name, i.period_value, i.annual_value) for i in project.indicators])


@lru_cache(maxsize=4096)  # target values repeat across a city's indicators
def _count_target(raw: str | None, non_scaling_units: frozenset[str]) -> tuple | None:
    r = parse_value(raw)
    if r.kind == "quantity" and not r.percent and r.number is not None and r.number > 0:
        unit = canonical_unit(r.unit)
        if unit not in non_scaling_units:
            return (r.op, r.number, unit, r.per)
    return None


def count_targets(project: Project, non_scaling_units: frozenset[str] = frozenset()) -> tuple:
    """The quantitative targets that should scale with money: counts, not rates or scores."""
    found = [(ind.name, *target) for ind in project.indicators for raw in (ind.period_value, ind.annual_value)
             if (target := _count_target(raw, non_scaling_units)) is not None]
    return tuple(sorted(found, key=repr)) if len(found) > 1 else tuple(found)


class CopiedGroupParams(Params):
    threshold: float = 90.0  # rapidfuzz ratio, 0–100
    min_length: int = 20  # shorter texts are too generic to call copies
    shingle: int = 3  # character n-gram length
    bins: int = 32  # MinHash bins per text
    rows: int = 4  # bins per band: fewer rows, more candidates (higher recall)
    max_bucket: int = 1000  # a bucket key shared by more texts is a template phrase: skipped
    max_listed: int = 12  # members named in the message


class DuplicateParams(CopiedGroupParams):
    signal: Literal["goal", "indicators"]
    skip_renewals: bool = True  # the same project in successive periods, same money: not a copy


class UnscaledParams(CopiedGroupParams):
    amount_ratio: float = 1.5  # the money differs at least this much
    non_scaling_units: list[str] = Field(default_factory=lambda: ["分", "级", "星"])  # scores, grades


class CopiedGroups(CrossTableCheck):
    """Groups of projects whose goal texts or indicator lists are near-copies, over every table
    of the run. The compared texts and their sketches can be prepared per table in worker
    processes (part "sketch"); rules comparing the same signal with the same sketch
    parameters share them and the groups (one computation per run)."""

    signal: ClassVar[str] = "indicators"

    def sketch_id(self) -> tuple:
        p = self.params
        return (self.signal == "goal", p.min_length, p.shingle, p.bins, p.rows)

    def table_parts(self) -> dict:
        return {("sketch", self.sketch_id()): self.prepare_sketch, ROSTER: prepare_roster}

    def raw_text(self, project: Project, key: tuple) -> str:
        text = normalize_text(project.goal) if self.signal == "goal" else signature_text(project)
        return text if len(text) >= self.params.min_length else ""

    def prepare_sketch(self, table: Table) -> dict:
        """File → per project in table order (the roster's order): (compared text, its bucket
        keys, or None when the text is empty or came earlier in the table)."""
        p = self.params
        texts = [self.raw_text(project, pk) for _, _, project, pk in positioned([table])]
        fresh = list(dict.fromkeys(t for t in texts if t))  # each text once, where it first comes
        # only parallel runs prepare parts, and they are large ones: numpy pays for itself
        keys = dict(zip(fresh, packed_keys_many(fresh, p.shingle, p.bins, p.rows, batch_min=1)))
        return {table.source.file: [(text, keys.pop(text, None)) for text in texts]}

    def docs(self, tables: list[Table], ctx: Context) -> list[Doc]:
        """Every project of the run in table order (made once per run and signal: the stage
        jobs and the rules of one signal share them)."""
        key = ("docs", self.sketch_id())
        memo = ctx.stage.memo
        if key not in memo:
            memo[key] = self._docs(tables, ctx)
        return memo[key]

    def _docs(self, tables: list[Table], ctx: Context) -> list[Doc]:
        """From the prepared parts where a table's were absorbed (a parallel run's tables
        carry no projects), else from the table."""
        known = ctx.stage.part(("sketch", self.sketch_id())) or {}
        roster = ctx.stage.part(ROSTER) or {}
        made = ctx.stage.memo.setdefault(ROSTER, {})  # members made from records, shared by the rules
        out = []
        for table in tables:
            file = table.source.file
            prepared, records = known.get(file), roster.get(file)
            if prepared is not None and records is not None:
                out += [Doc(table, None, None, text, (file, r[0], r[1]), r, made) for r, (text, _) in zip(records, prepared)]
                continue
            for _, unit, project, key in positioned([table]):
                out.append(Doc(table, unit, project, self.raw_text(project, key), key))
        return out

    def known_keys(self, ctx: Context) -> dict[str, bytes] | None:
        prepared = ctx.stage.part(("sketch", self.sketch_id()))
        if prepared is None:
            return None
        return {text: keys for entries in prepared.values() for text, keys in entries if keys is not None}

    def groups_key(self, texts: list[str]) -> tuple:
        """DUP002 and DUP003 group the same indicator lists: one key, computed once per run."""
        p = self.params
        return ("groups", *self.sketch_id(), p.threshold, p.max_bucket, hash(tuple(texts)))

    def grouping(self, texts: list[str], ctx: Context) -> tuple[Callable, tuple]:
        """The job that groups the texts: copied_groups and its arguments."""
        p = self.params
        return copied_groups, (texts, p.threshold, p.shingle, p.bins, p.rows, p.max_bucket, self.known_keys(ctx))

    def stage_jobs(self, tables: list[Table], ctx: Context) -> dict:
        texts = [d.text for d in self.docs(tables, ctx)]
        return {self.groups_key(texts): (sum(map(len, texts)), lambda: self.grouping(texts, ctx))}

    def groups(self, docs: list[Doc], ctx: Context) -> list[list[int]]:
        texts = [d.text for d in docs]

        def compute() -> list[list[int]]:  # not started ahead (a serial run, or the lighter job)
            function, args = self.grouping(texts, ctx)
            return function(*args)

        return ctx.stage.shared(self.groups_key(texts), compute)

    def __call__(self, tables: list[Table], ctx: Context) -> Iterable[Hit]:
        docs = self.docs(tables, ctx)
        for group in sorted(self.groups(docs, ctx), key=lambda g: g[0]):
            yield from self.group_hits([docs[i] for i in group], ctx)

    def group_hits(self, members: list[Doc], ctx: Context) -> Iterable[Hit]:  # pragma: no cover
        raise NotImplementedError

    def describe(self, d: Doc) -> str:
        file, line, _, sheet, cell = d.place
        where = f"{file}:{line}" if line else source_label(file, line, sheet, cell)
        return f"{d.name}（{where}）"

    def member_data(self, d: Doc) -> dict:
        file, line, _, sheet, cell = d.place
        total = d.total
        return {"file": file, "line": line, "sheet": sheet, "cell": cell, "unit": d.unit_name,
                "project": d.name, "amount": str(total) if total is not None else None}


@register("near-duplicates", accepts=("tables",))
class DuplicatesCheck(CopiedGroups):
    """A copied goal (signal: goal) or indicator list (signal: indicators), once per group."""

    Params = DuplicateParams

    @property
    def signal(self) -> str:  # type: ignore[override]
        return self.params.signal

    def group_hits(self, members: list[Doc], ctx: Context) -> Iterable[Hit]:
        from rapidfuzz import fuzz

        if self.params.skip_renewals and renewals(members):
            return
        first = members[0]
        similarities = [fuzz.ratio(first.text, m.text) for m in members[1:]]
        lowest = min(range(len(similarities)), key=similarities.__getitem__)
        other = members[1 + lowest]
        listed = "；".join(self.describe(m) for m in members[: self.params.max_listed])
        if len(members) > self.params.max_listed:
            listed += f"；等共 {len(members)} 个项目"
        yield Hit(
            vars={
                "count": len(members),
                "members": listed,
                "similarity": f"{min(similarities):.0f}%",
                "difference": telling_difference(first.text, other.text),
            },
            field="goal" if self.signal == "goal" else "name",
            value=first.project.goal if self.signal == "goal" else first.project.name,
            context=Context(table=first.table, unit=first.unit, project=first.project),
            data={"members": [self.member_data(m) for m in members], "similarity": min(similarities)},
        )


def renewals(members: list[Doc]) -> bool:
    """One project in successive periods: names equal but for their years (…2023-2024年… /
    …2024-2025年…), each period named once, and the same money. Keeping the same goal and
    targets for the same money is consistency, not a copy; DUP003 and the year-over-year
    rules judge targets against money."""
    from ..previous.names import masked

    totals = {m.total for m in members}
    if len(totals) != 1 or None in totals:  # most groups: different money, no name to read
        return False
    names = [masked(m.name) for m in members]
    return (len({n[0] for n in names}) == 1 and all(n[1] for n in names)
            and len({n[1] for n in names}) == len(members))


@register("unscaled-targets", accepts=("tables",))
class UnscaledTargetsCheck(CopiedGroups):
    """Among projects with copied indicator lists (grouped as near-duplicates does), those whose
    count targets are identical although their money differs by ≥ amount_ratio."""

    Params = UnscaledParams
    signal = "indicators"

    def table_parts(self) -> dict:
        units = frozenset(self.params.non_scaling_units)

        def targets(table: Table) -> dict:  # file → the projects with count targets only
            found = ((pk, count_targets(project, units)) for _, _, project, pk in positioned([table]))
            return {table.source.file: {pk[1:]: t for pk, t in found if t}}

        return {**super().table_parts(), ("targets", units): targets}

    def group_hits(self, members: list[Doc], ctx: Context) -> Iterable[Hit]:
        """When the targets vary inside the group, they do scale with something (the
        12个 / 3个 / 16个 kind of family): not this defect."""
        units = frozenset(self.params.non_scaling_units)
        known = ctx.stage.part(("targets", units)) or {}
        by_targets: dict[tuple, list[Doc]] = defaultdict(list)
        for m in members:
            of_file = known.get(m.key[0])
            targets = of_file.get(m.key[1:], ()) if of_file is not None else count_targets(m.project, units)
            if targets and m.total:
                by_targets[targets].append(m)
        if len(by_targets) != 1:
            return
        for targets, same in by_targets.items():
            if len(same) < 2:
                continue
            same.sort(key=lambda d: d.total)
            low, high = same[0], same[-1]
            ratio = high.total / low.total
            if ratio < Decimal(str(self.params.amount_ratio)):
                continue
            example = next(f"{name}「{_fmt_target(op, n, unit, per)}」" for name, op, n, unit, per in targets)
            yield Hit(
                vars={
                    "count": len(same),
                    "members": "；".join(f"{self.describe(m)} {m.total} 万元" for m in same[: self.params.max_listed]),
                    "low": f"{low.total}",
                    "high": f"{high.total}",
                    "ratio": f"{ratio:.1f}",
                    "example": example,
                },
                field="amounts",
                value=high.project.name,
                context=Context(table=high.table, unit=high.unit, project=high.project),
                data={"members": [self.member_data(m) for m in same], "amount_ratio": float(ratio)},
            )


def _fmt_target(op, n, unit, per) -> str:
    sign = {">=": "≥", ">": ">", "=": "=", "<": "<", "<=": "≤"}.get(op or "", "")
    num = int(n) if float(n).is_integer() else n
    return f"{'每' + per if per else ''}{sign}{num}{unit}"
