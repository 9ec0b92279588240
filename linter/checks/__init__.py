"""Built-in check types. Importing this package registers them."""

from . import codes, parse_issue, pattern, required  # noqa: F401
