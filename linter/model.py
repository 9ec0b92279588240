"""The typed model every reader produces and every rule reads.

Table → Unit → Project → Indicator. Each object keeps the text as printed (``raw``
fields) next to its parsed form, and a ``Source`` so a finding can point at it.
"""

from __future__ import annotations

import types
from decimal import Decimal
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr


# The slots every BaseModel instance has, set directly (what model_construct does underneath).
_new = object.__new__
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def fast_model(cls, values: dict, fields_set: set[str] | None = None, private: dict | None = None):
    """Build a model from values that are already valid and complete, without validation.

    Readers of large tables use it on their hot path (half a million indicators in a city
    corpus); ``model_construct`` does the same with more bookkeeping. Every field must be
    given (tests/test_model.py checks equality with validated construction), and so must the
    values of its private attributes, if it has any (``private``).

    ``fields_set`` may be one set shared by many objects when it names every field: pydantic
    only ever adds to it (assignment adds a name already there) and copies it on model_copy,
    so sharing saves a set per object (some 700 bytes for an Indicator).
    """
    obj = _new(cls)
    _set_dict(obj, values)
    _set_fields_set(obj, set(values) if fields_set is None else fields_set)
    _set_extra(obj, None)
    _set_private(obj, private)
    return obj


def set_field(obj: BaseModel, name: str, value) -> None:
    """``obj.name = value`` for a field of a mutable model without assignment validation — what
    pydantic's own handler does, without its dispatch (readers assign on every line)."""
    obj.__dict__[name] = value
    obj.__pydantic_fields_set__.add(name)


_RECIPES: dict[type, tuple] = {}
_ALL_FIELDS: dict[type, set[str]] = {}


def _all_fields(cls) -> set[str]:
    """One fields set naming every field, shared by the defaults fast_new builds (see fast_model)."""
    found = _ALL_FIELDS.get(cls)
    if found is None:
        found = _ALL_FIELDS[cls] = set(cls.model_fields)
    return found


def _recipe(cls) -> tuple:
    """(every field in order with its plain default, fields made by a factory, fields whose
    default is a model, private attributes' defaults) — read once per class."""
    template, factories, models = {}, [], []
    for name, f in cls.model_fields.items():
        template[name] = f.default if f.default_factory is None else None
        if isinstance(f.default_factory, type) and issubclass(f.default_factory, BaseModel):
            models.append((name, f.default_factory))
        elif f.default_factory is not None:
            factories.append((name, f.default_factory))
    private = {name: attr.get_default() for name, attr in cls.__private_attributes__.items()} or None
    return template, factories, models, private


def fast_new(cls, fields_set: set[str] | None = None, /, **given):
    """``cls(**given)`` without validation, for readers: the given values (valid by
    construction) and every other field's default, read from the model's own field list.
    ``model_construct`` would inspect each default factory's signature on every call (~0.5 ms
    a unit); a default that is itself a model is built the same way, so no validator is ever
    built. ``fields_set``: as fast_model's (default: the names given)."""
    recipe = _RECIPES.get(cls)
    if recipe is None:
        recipe = _RECIPES[cls] = _recipe(cls)
    template, factories, models, private = recipe
    values = template.copy()  # the model's field order
    for name, factory in factories:
        if name not in given:
            values[name] = factory()
    for name, model in models:
        if name not in given:
            values[name] = fast_new(model, _all_fields(model))
    values.update(given)
    return fast_model(cls, values, set(given) if fields_set is None else fields_set, dict(private) if private else None)


# -- models as plain (JSON) data, and back without validation ------------------------------------
# For caches of validated models (the compiled rule cache): JSON, not pickle, so that a cache
# folder someone else wrote cannot run code; rebuilt with fast_model, as validated when stored.

def plain_dump(value: Any) -> Any:
    """A model as {"f": fields, "s": names given[, "x": extra fields]}; plain data as it is.
    Anything JSON would not give back the same (a tuple, a date, a non-string key) raises."""
    if isinstance(value, BaseModel):
        out = {"f": {name: plain_dump(getattr(value, name)) for name in type(value).model_fields},
               "s": sorted(value.model_fields_set)}
        if value.__pydantic_extra__:
            out["x"] = plain_dump(value.__pydantic_extra__)
        return out
    if isinstance(value, list):
        return [plain_dump(v) for v in value]
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise TypeError("a key JSON would turn into a string")
        return {k: plain_dump(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise TypeError(f"not kept as JSON: {type(value).__name__}")


def _plain_value(annotation: Any, data: Any) -> Any:
    """The value of a field of this annotation, from plain_dump's form."""
    if data is None:
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return plain_load(annotation, data)
    origin = get_origin(annotation)
    if origin is list:
        (item,) = get_args(annotation)
        return [_plain_value(item, v) for v in data]
    if origin is dict:
        _, item = get_args(annotation)
        return {k: _plain_value(item, v) for k, v in data.items()}
    if origin is Union or origin is types.UnionType:
        kinds = [a for a in get_args(annotation) if a is not type(None)]
        return _plain_value(kinds[0], data) if len(kinds) == 1 else data
    return data  # str, int, float, bool, Literal, Any: as JSON gave it


def plain_load(cls: type[BaseModel], data: dict, private: dict | None = None) -> BaseModel:
    """The model plain_dump gave ``data`` for, built without validation (its field types guide
    nested models, lists and dicts); ``private``: values of private attributes."""
    values = {name: _plain_value(field.annotation, data["f"][name]) for name, field in cls.model_fields.items()}
    recipe = _RECIPES.get(cls) or _RECIPES.setdefault(cls, _recipe(cls))
    obj = fast_model(cls, values, set(data["s"]), {**(recipe[3] or {}), **(private or {})} or None)
    if cls.model_config.get("extra") == "allow":
        obj.__pydantic_extra__ = dict(data.get("x") or {})
    return obj


def plain_types(value: Any) -> Any:
    """The dump with every plain value replaced by its type (1 == 1.0 == True for ==)."""
    if isinstance(value, dict):
        return {k: plain_types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_types(v) for v in value]
    return type(value)


class _Model(BaseModel):
    # Readers build models with fast_model (no validation), so a run of the published-text
    # reader never needs the validators: they are built on the first validated construction.
    model_config = ConfigDict(defer_build=True)


class Source(_Model):
    """Where an object was read from: a text line range or a workbook cell."""

    model_config = ConfigDict(frozen=True)

    file: str = ""
    line: int | None = None
    end_line: int | None = None
    sheet: str | None = None
    cell: str | None = None

    def label(self) -> str:
        return source_label(self.file, self.line, self.sheet, self.cell)


def source_label(file: str, line: int | None, sheet: str | None, cell: str | None) -> str:
    """Source.label() of these values (for places known only as values: roster records)."""
    if cell:
        where = f"{sheet}!{cell}" if sheet else cell
        return f"{file}:{where}"
    if line is not None:
        return f"{file}:{line}"
    return file


class Category(_Model):
    """A level-1 or level-2 category as printed ("1-产出指标") and parsed."""

    raw: str
    code: str | None = None  # "1", "11"; None when no number was printed
    name: str = ""  # "产出指标", "数量指标"


class Amounts(_Model):
    """Money in the table's unit (万元).

    The published layout drops empty columns, so only ``figures`` (as printed, in order) is
    certain; ``total`` is the first figure and ``parts`` the rest.
    """

    raw: str = ""
    figures: list[Decimal] = Field(default_factory=list)
    total: Decimal | None = None
    fiscal: Decimal | None = None  # 财政拨款
    special: Decimal | None = None  # 财政专户拨款
    other: Decimal | None = None  # 其他资金

    @property
    def parts(self) -> list[Decimal]:
        named = [x for x in (self.fiscal, self.special, self.other) if x is not None]
        return named if named else self.figures[1:]


class Indicator(_Model):
    number: int | None = None
    number_raw: str = ""
    level1: Category
    level2: Category
    name: str
    period_value: str | None = None  # 实施周期指标值 as printed (stripped)
    annual_value: str | None = None  # 年度指标值 as printed (stripped)
    raw: str = ""  # the whole indicator text as printed (wrapped lines joined)
    source: Source = Field(default_factory=Source)
    # Line of each field's start, so a finding on one value points at its line.
    field_lines: dict[str, int] = Field(default_factory=dict)
    # Extra columns some exports carry (计量单位, 指标性质, 指标方向, 权重 ...).
    extra: dict[str, str] = Field(default_factory=dict)
    # Workbook cell of each field ("D12"), for findings on spreadsheet input.
    field_cells: dict[str, str] = Field(default_factory=dict)


class Project(_Model):
    name: str
    amounts: Amounts = Field(default_factory=Amounts)
    goal: str = ""
    indicators: list[Indicator] = Field(default_factory=list)
    source: Source = Field(default_factory=Source)
    field_lines: dict[str, int] = Field(default_factory=dict)
    field_cells: dict[str, str] = Field(default_factory=dict)
    # Form fields of a per-project 申报表 beyond name/amounts/goal, by their printed label
    # (主管部门, 实施单位, 实施期限, 实施期目标, 年度目标 …). Kept, not judged as targets.
    extra: dict[str, str] = Field(default_factory=dict)
    # 实施期限 / 项目期 as printed ("2022年3月-2023年11月", "3年"); "" when the table says nothing.
    term: str = ""


class Unit(_Model):
    name: str
    amounts: Amounts = Field(default_factory=Amounts)
    projects: list[Project] = Field(default_factory=list)
    source: Source = Field(default_factory=Source)
    field_lines: dict[str, int] = Field(default_factory=dict)


class ParseIssue(_Model):
    """Something the reader could not place. Becomes a finding of a ``parse`` rule."""

    kind: str  # unplaced-line | malformed-indicator | ...
    text: str
    detail: str = ""
    source: Source
    unit: str | None = None
    project: str | None = None


class Table(_Model):
    department: str = ""
    money_unit: str = "万元"
    title: str = ""
    total: Amounts | None = None  # the department 合计 line
    units: list[Unit] = Field(default_factory=list)
    source: Source = Field(default_factory=Source)
    format: str = ""
    issues: list[ParseIssue] = Field(default_factory=list)
    field_lines: dict[str, int] = Field(default_factory=dict)  # e.g. the 合计 line
    # Which target columns the table publishes: "both" (实施周期 and 年度), "period" or
    # "annual" (one value column). Rules that compare or require both sides stay silent
    # when a table publishes one. None: not known (treated as "both").
    value_sides: Literal["both", "period", "annual"] | None = None
    budget_year: int | None = None  # the budget year the title or form states (2021年度)
    # The category framework a table's level names belong to (see rules/vocab/frameworks.yaml);
    # set by the reader when the config pins one, else inferred by the rules.
    framework: str | None = None
    _counts: dict[str, int] | None = PrivateAttr(default=None)
    # What a row reader found (readers/layout_report.FileLayout), for ``jxlint inspect``.
    _layout: object = PrivateAttr(default=None)
    # Last year's counterpart (linter.previous.YearPair) when checked with --previous.
    _previous: object = PrivateAttr(default=None)

    def projects(self):
        for unit in self.units:
            for project in unit.projects:
                yield unit, project

    def indicators(self):
        for unit, project in self.projects():
            for indicator in project.indicators:
                yield unit, project, indicator

    def counts(self) -> dict[str, int]:
        if self._counts is not None:  # a skeleton table (see slim())
            return dict(self._counts)
        return {
            "units": len(self.units),
            "projects": sum(len(u.projects) for u in self.units),
            "indicators": sum(len(p.indicators) for u in self.units for p in u.projects),
        }

    def slim(self) -> None:
        """Drop the units, projects and indicators once every per-table rule has run, keeping
        their counts: the cross-table stage reads what the worker process prepared from them,
        and a city corpus's projects need not travel to the parent."""
        self._counts = self.counts()
        self.units = []
