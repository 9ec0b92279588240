"""``required``: a field that must hold something (Spectral's ``truthy``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..engine.registry import Check, Context, Hit, Params, register
from ..findings import FIELD_LABEL


class RequiredParams(Params):
    fields: list[str]


@register("required", accepts=("indicator", "project", "unit"))
class RequiredCheck(Check):
    Params = RequiredParams

    def __call__(self, target: Any, ctx: Context) -> Iterable[Hit]:
        for name in self.params.fields:
            value = getattr(target, name, None)
            if value is None or (isinstance(value, str) and not value.strip()):
                yield Hit(vars={"missing": FIELD_LABEL.get(name, name)}, field=name, value="")
