"""Built-in check types. Importing this package registers them."""

from . import (  # noqa: F401
    annual_year,
    arithmetic,
    category_fit,
    codes,
    duplicates,
    goal_copy,
    measure_kind,
    parse_issue,
    pattern,
    project_structure,
    same_measure,
    required,
    suppression,
    symbols,
    value_format,
    value_pair,
    verdict,
    year_over_year,
)
