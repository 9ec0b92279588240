"""Built-in check types. Importing this package registers them."""

from . import category_fit, codes, parse_issue, pattern, required, value_format, value_pair  # noqa: F401
