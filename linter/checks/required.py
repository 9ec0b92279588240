"""``required``: a field that must hold something (Spectral's ``truthy``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..rulekit import Check, Context, Hit, Params, register
from ..findings import FIELD_LABEL


class RequiredParams(Params):
    fields: list[str]


@register("required", accepts=("indicator", "project", "unit"))
class RequiredCheck(Check):
    Params = RequiredParams

    def __init__(self, params: RequiredParams, rule):
        super().__init__(params, rule)
        self.memo_shape = ("required", tuple(params.fields))

    def memo_key(self, target: Any, ctx: Context):
        return tuple(self.missing(getattr(target, name, None)) for name in self.params.fields)

    @staticmethod
    def missing(value: Any) -> bool:
        return value is None or (isinstance(value, str) and not value.strip())

    def __call__(self, target: Any, ctx: Context) -> Iterable[Hit]:
        for name in self.params.fields:
            if self.missing(getattr(target, name, None)):
                yield Hit(vars={"missing": FIELD_LABEL.get(name, name)}, field=name, value="")
