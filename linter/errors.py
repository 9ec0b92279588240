"""Errors that end a run with exit code 2 and a one-line Chinese message (never a traceback)."""


class JxlintError(Exception):
    """Base: the message is shown to the user as is."""


class InputError(JxlintError):
    """A file the user gave cannot be read as a table."""


class ReaderCrash(InputError):
    """A library raised something unexpected while reading a file: the user gets a clear
    message and exit 2, and the fuzzing tests treat it as a bug to fix at its cause."""


class RuleError(JxlintError):
    """A rule file is malformed (names the file and the key)."""


class ConfigError(JxlintError):
    """A configuration file or a command-line option is wrong (names the file and the key)."""
