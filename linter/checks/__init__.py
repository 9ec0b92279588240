"""Built-in check types. Importing this package registers them."""

from . import arithmetic, category_fit, codes, parse_issue, pattern, project_structure, required, value_format, value_pair  # noqa: F401
