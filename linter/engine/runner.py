"""Run active rules over tables: walk each rule's targets, call its check, build Findings."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from ..findings import FIELD_LABEL, Finding
from ..model import Source, Table
from ..rulekit import Check, Context, Hit, get_check, one_sided, publishes
from .cross import CrossStage
from .schema import TEXT_TARGETS, Rule


# Hits kept per rule across tables; beyond this many keys the memo starts again, so a worker's
# memory does not grow with the corpus (repeated values come back within a table or two).
MEMO_LIMIT = 50_000


@dataclass
class ActiveRule:
    rule: Rule
    severity: str
    params: dict[str, Any]
    _check: Check | None = None
    # hits by memo key, kept across tables: a city's tables repeat the same values and names
    memo: dict[Any, list[Hit]] = field(default_factory=dict)

    @property
    def check(self) -> Check:
        if self._check is None:  # built on first use: compiling vocabularies costs time
            cls = get_check(self.rule.check.type, self.rule.path)
            checked = self.rule._checked_defaults
            if checked is None or self.params != self.rule.default_params():  # options from config
                checked = cls.validate(self.params, self.rule.path)
            self._check = cls(checked, self.rule)
        return self._check


class _Vars(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template: str, values: dict[str, Any]) -> str:
    return template.format_map(_Vars(values))


def _render_rule(rule: Rule, key: str, values: _Vars) -> str:
    try:
        return getattr(rule, key).format_map(values)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:  # e.g. {count:d} on text
        from ..errors import RuleError

        raise RuleError(f"{rule.path}: 键 {key}: 模板无法填入（{type(exc).__name__}: {exc}）") from None


def iter_targets(target: str, tables: list[Table], stage: Any = None) -> Iterator[tuple[Any, Context]]:
    if target == "tables":
        if stage is None:  # a run of its own (rule cases, one-off calls): a fresh stage
            stage = CrossStage([])
        yield tables, Context(tables=tables, stage=stage)
        return
    for table in tables:
        if target == "table":
            yield table, Context(table=table)
        elif target == "parse-issue":
            for issue in table.issues:
                yield issue, Context(table=table)
        elif target == "unit":
            for unit in table.units:
                yield unit, Context(table=table, unit=unit)
        elif target == "project":
            for unit in table.units:
                for project in unit.projects:
                    yield project, Context(table, unit, project)
        elif target == "indicator":  # positional Context, loops at hand: ~1,500 a city table
            for unit in table.units:
                for project in unit.projects:
                    for indicator in project.indicators:
                        yield indicator, Context(table, unit, project, indicator)
        elif target in TEXT_TARGETS:
            raise ValueError("text targets are derived from their owner's targets (see run_rules)")


def _str_attr(obj: Any, name: str) -> str | None:
    value = getattr(obj, name, None)
    return value if isinstance(value, str) else None


def _with_field(ctx: Context, name: str) -> Context:
    return Context(ctx.table, ctx.unit, ctx.project, ctx.indicator, name, ctx.tables)


def _location(ctx: Context, field: str | None, target: Any) -> tuple[Source, int | None]:
    """The source of the innermost object, and the line of the field when known."""
    for obj in (ctx.indicator, ctx.project, ctx.unit):
        if obj is not None:
            line = obj.field_lines.get(field) if field and hasattr(obj, "field_lines") else None
            return obj.source, line
    source = getattr(target, "source", None)
    if isinstance(source, Source):
        return source, None
    if ctx.table is not None:
        return ctx.table.source, None
    return Source(), None


def make_finding(active: ActiveRule, hit: Hit, target: Any, ctx: Context) -> Finding:
    ctx = hit.context or ctx
    rule = active.rule
    field = hit.field or ctx.field
    value = hit.value if hit.value is not None else (target if isinstance(target, str) else None)
    indicator, project, unit = ctx.indicator, ctx.project, ctx.unit
    if indicator is not None:  # the common case of _location, without its loop (one finding each)
        source = indicator.source
        field_line = indicator.field_lines.get(field) if field else None
    else:
        source, field_line = _location(ctx, field, target)
    cell = source.cell
    if field:  # the field's own cell: the indicator's, else the project's
        for obj in (indicator, project):
            cells = getattr(obj, "field_cells", None) if obj is not None else None
            if cells and field in cells:
                cell = cells[field]
                break
    unit_name = unit.name if unit is not None else None
    project_name = project.name if project is not None else None
    number = indicator.number if indicator is not None else None
    indicator_name = indicator.name if indicator is not None else None
    values = {  # the names every finding fills (template_vars.common_vars reads this dict)
        "value": value or "",
        "field": field or "",
        "field_label": FIELD_LABEL.get(field, field) if field else "",
        "unit": unit_name if unit is not None else "",
        "project": project_name if project is not None else "",
        "indicator": number if indicator is not None else "",
        "indicator_name": indicator_name if indicator is not None else "",
    }
    mapping = _Vars(values)  # one mapping for both templates
    if hit.vars:
        mapping.update(hit.vars)
    data = hit.data
    if rule.autofix is not None:
        from ..autofix import offered

        edit = offered(active.check, rule.autofix, hit, target, ctx)
        if edit is not None:
            data = {**hit.data, "safe_fix": edit}  # hits may be shared (memo): never mutate
    # positional, in the order of Finding's fields
    return Finding(
        rule.code, rule.name, rule.category, active.severity,
        _render_rule(rule, "message", mapping), _render_rule(rule, "fix", mapping),
        source.file or (ctx.table.source.file if ctx.table else ""),
        hit.line or field_line or source.line, source.end_line, source.sheet, cell,
        # a ParseIssue carries the unit and project it was found in as names
        unit_name if unit is not None else _str_attr(target, "unit"),
        project_name if project is not None else _str_attr(target, "project"),
        number, indicator_name, field, value, hit.reading, data, None, hit.previous,
    )


def _segments(owner: str, tables: list[Table], stage: Any) -> list[tuple[Table | None, list[tuple[Any, Context]]]]:
    """The owner's targets, one segment per table (the "tables" target: one segment)."""
    if owner == "tables":
        return [(None, list(iter_targets(owner, tables, stage)))]
    return [(table, list(iter_targets(owner, [table], stage))) for table in tables]


class Groups:
    """A segment's targets by memo key: the distinct keys in order of first occurrence, the
    position where each first occurs, and for each target the index of its key."""

    __slots__ = ("keys", "first", "ids", "_members")

    def __init__(self, keys: list[Any], first: list[int], ids: list[int]):
        self.keys, self.first, self.ids = keys, first, ids
        self._members: list[list[int]] | None = None

    @property
    def members(self) -> list[list[int]]:
        """For each key index, the positions of its targets (built once, shared by the rules
        reading these groups: a rule with hits then touches only its hit targets)."""
        if self._members is None:
            members: list[list[int]] = [[] for _ in self.keys]
            for i, d in enumerate(self.ids):
                members[d].append(i)
            self._members = members
        return self._members


def _groups(keys: list[Any]) -> Groups:
    number: dict[Any, int] = {}
    ids = [number.setdefault(k, len(number)) for k in keys]
    n = len(ids)
    first_at = dict(zip(reversed(ids), range(n - 1, -1, -1)))  # the earliest position wins
    return Groups(list(number), [first_at[d] for d in range(len(number))], ids)


# Distinct memo keys (attribute values of Check.memo_fields with the table's memo_table part,
# or the keys of a memo_shape) as small numbers that rules' memos key on: each key is hashed
# once per table, not once per rule. Numbers are never reused, so a table of keys that starts
# again leaves no stale memo entry reachable, and two namespaces never share a number.
_INTERNED: dict[Any, dict[Any, int]] = {}
_NUMBERS = itertools.count()


def _numbered(namespace: Any, keys: list[Any]) -> list[Any]:
    """The number of each key in its namespace (None stays None: not memoised)."""
    interned = _INTERNED.get(namespace)
    if interned is None:
        interned = _INTERNED[namespace] = {}
    elif len(interned) >= 2 * MEMO_LIMIT:  # bounded as the memos are
        interned.clear()
    out = []
    for key in keys:
        if key is None:
            out.append(None)
            continue
        number = interned.get(key)
        if number is None:
            number = interned[key] = next(_NUMBERS)
        out.append(number)
    return out


def _projects_of(items: list[tuple[Any, Context]]) -> tuple[list, list[int]]:
    """The projects of a segment's targets in order, and for each target its project's index
    (a project's targets come one after another)."""
    projects: list = []
    at: list[int] = []
    last: Any = _projects_of  # no project is this
    for _, ctx in items:
        project = ctx.project
        if project is not last:
            projects.append(project)
            last = project
        at.append(len(projects) - 1)
    return projects, at


def run_rules(tables: list[Table], active: list[ActiveRule], stage: Any = None) -> list[Finding]:
    findings: list[Finding] = []
    walked: dict[str, list] = {}  # walked once per kind, shared by rules
    # Memo keys and the targets sharing each, per segment: computed once for every rule whose
    # check declares the same memo_fields or memo_shape (values and names repeat, so a rule
    # then judges each distinct key once and touches only the targets with hits).
    grouped: dict[tuple, Groups] = {}
    numbered: dict[tuple, list[Any]] = {}  # the memo key of each group, per namespace
    fields: dict[tuple, list[Any]] = {}  # the targets of each segment (a field's values, for text targets)
    owners: dict[tuple, tuple[list, list[int]]] = {}  # each segment's projects, and the project of each target

    def walk(owner: str) -> list:
        if owner not in walked:
            walked[owner] = _segments(owner, tables, stage)
        return walked[owner]

    for ar in active:
        check = ar.check
        memo_by_target = check.memo_by_target
        key_of = check.memo_key
        keyed = memo_by_target or bool(check.memo_fields) or type(check).memo_key is not Check.memo_key
        shape = ("target",) if memo_by_target else check.memo_shape
        memo = ar.memo
        pairs = check.compares_sides
        skips = check.skips_table
        for target_name in ar.rule.given:
            # a field target is a field of its owner: the owner's context, the field named
            owner, attr = TEXT_TARGETS.get(target_name, (target_name, None))
            for seg, (table, items) in enumerate(walk(owner)):
                if not items or (pairs and one_sided(table)) or (table is not None and skips(table)):
                    continue
                tkey = (owner, attr, seg)
                targets = fields.get(tkey)
                if targets is None:
                    if attr is not None:
                        targets = fields[tkey] = [getattr(obj, attr) for obj, _ in items]
                    else:
                        targets = fields[tkey] = [obj for obj, _ in items]
                if not keyed:
                    hit_at = []
                    for i, target in enumerate(targets):
                        ctx = items[i][1] if attr is None else _with_field(items[i][1], attr)
                        hits = list(check(target, ctx))
                        if hits:
                            hit_at.append((i, hits))
                else:
                    paths = check.memo_fields.get(owner) if attr is None else None
                    if paths is not None:  # keys: the attributes' values with the table's part
                        gkey = (owner, attr, seg, paths)
                        groups = grouped.get(gkey)
                        if groups is None:
                            groups = grouped[gkey] = _groups(list(map(attrgetter(*paths), targets)))
                        part = check.memo_table(table) if table is not None else None
                        if check.memo_project is not None:  # and a part of each target's project
                            pkey = (gkey, shape if shape is not None else id(check))
                            by_project = grouped.get(pkey)
                            if by_project is None:
                                projects, at = owners.get(gkey[:3]) or owners.setdefault(gkey[:3], _projects_of(items))
                                parts = [check.memo_project(p, table) for p in projects]
                                by_project = grouped[pkey] = _groups(list(zip(groups.ids, map(parts.__getitem__, at))))
                            nkey = (pkey, part)
                            keys = numbered.get(nkey)
                            if keys is None:
                                names = groups.keys
                                # numbered in a namespace that outlives the run (the check's class, not its
                                # id: a server's runs would each add one); each rule's memo is its own
                                space = shape if shape is not None else type(check)
                                keys = numbered[nkey] = _numbered((paths, part, space), [(names[a], p) for a, p in by_project.keys])
                            groups = by_project
                        else:
                            nkey = (gkey, part)
                            keys = numbered.get(nkey)
                            if keys is None:
                                keys = numbered[nkey] = _numbered((paths, part), groups.keys)
                    else:
                        gkey = (owner, attr, seg, shape) if shape is not None else None
                        groups = grouped.get(gkey) if gkey is not None else None
                        if groups is None:
                            # Checks whose result depends only on a few fields say so with memo_key;
                            # values and names repeat across a city's tables, so each is judged once.
                            if memo_by_target:
                                keys = targets
                            else:
                                keys = [key_of(target, ctx) for target, (_, ctx) in zip(targets, items)]
                            groups = _groups(keys)
                            if gkey is not None:
                                grouped[gkey] = groups
                        if memo_by_target or gkey is None:
                            keys = groups.keys  # texts (their hash is kept) or one rule's own keys
                        else:
                            keys = numbered.get(gkey)
                            if keys is None:
                                keys = numbered[gkey] = _numbered(("shape", shape), groups.keys)
                    found = list(map(memo.get, keys))
                    alone: dict[int, list[Hit]] = {}  # hits by position, for targets without a key
                    if None in found:
                        for d in [d for d, hits in enumerate(found) if hits is None]:
                            key = keys[d]
                            if key is None:  # not memoised: each target judged on its own
                                for i in groups.members[d]:
                                    ctx = items[i][1] if attr is None else _with_field(items[i][1], attr)
                                    hits = list(check(targets[i], ctx))
                                    if hits:
                                        alone[i] = hits
                                found[d] = []
                                continue
                            i = groups.first[d]
                            ctx = items[i][1] if attr is None else _with_field(items[i][1], attr)
                            hits = found[d] = list(check(targets[i], ctx))
                            if len(memo) >= MEMO_LIMIT:  # a city corpus's distinct values: start again
                                memo.clear()
                            memo[key] = hits
                    hit_ids = list(itertools.compress(range(len(found)), found))  # keys with hits (an empty list is false)
                    if hit_ids or alone:
                        members = groups.members
                        at = alone
                        for d in hit_ids:
                            hits = found[d]
                            for i in members[d]:
                                at[i] = hits
                        hit_at = sorted(at.items())
                    else:
                        hit_at = []
                for i, hits in hit_at:
                    ctx = items[i][1] if attr is None else _with_field(items[i][1], attr)
                    for hit in hits:
                        if not publishes(ctx.table, hit.field or ctx.field):
                            continue  # a value side the table does not publish: nothing to miss
                        findings.append(make_finding(ar, hit, targets[i], ctx))
    findings.sort(key=Finding.sort_key)
    return findings


def run_stage(stage: CrossStage, tables: list[Table]) -> list[Finding]:
    """The cross-table rules of one run over all its tables, with that run's stage state."""
    return run_rules(tables, stage.ordered(), stage=stage)
