"""``required``: a field that must hold something (Spectral's ``truthy``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..rulekit import Check, Context, Hit, Params, register
from ..findings import FIELD_LABEL


class RequiredParams(Params):
    fields: list[str]


def _models() -> dict[str, type]:
    from ..model import Indicator, Project, Unit

    return {"indicator": Indicator, "project": Project, "unit": Unit}


def _texts(model: type, names: list[str]) -> bool:
    """Whether every named field of the model holds text (hashable, read as an attribute)."""
    fields = model.model_fields
    return bool(names) and all(name in fields and fields[name].annotation in (str, str | None) for name in names)


@register("required", accepts=("indicator", "project", "unit"))
class RequiredCheck(Check):
    Params = RequiredParams

    def __init__(self, params: RequiredParams, rule):
        super().__init__(params, rule)
        self.memo_shape = ("required", tuple(params.fields))
        # The fields' own texts as the cheap key (finer than memo_key, whose hits say nothing
        # of one target): grouped once per table with other rules reading the same fields.
        self.memo_fields = {kind: tuple(params.fields) for kind, model in _models().items() if _texts(model, params.fields)}

    def memo_key(self, target: Any, ctx: Context):
        return tuple(self.missing(getattr(target, name, None)) for name in self.params.fields)

    @staticmethod
    def missing(value: Any) -> bool:
        return value is None or (isinstance(value, str) and not value.strip())

    def __call__(self, target: Any, ctx: Context) -> Iterable[Hit]:
        for name in self.params.fields:
            if self.missing(getattr(target, name, None)):
                yield Hit(vars={"missing": FIELD_LABEL.get(name, name)}, field=name, value="")
