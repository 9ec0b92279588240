"""Built-in check types. Importing this package registers them."""

from . import (  # noqa: F401
    annual_year,
    arithmetic,
    category_fit,
    codes,
    duplicates,
    measure_kind,
    parse_issue,
    pattern,
    project_structure,
    required,
    value_format,
    value_pair,
)
