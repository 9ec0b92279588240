"""Built-in check types. Importing this package registers them."""

from . import (  # noqa: F401
    annual_year,
    arithmetic,
    category_fit,
    codes,
    duplicates,
    parse_issue,
    pattern,
    project_structure,
    required,
    symbols,
    value_format,
    value_pair,
)
