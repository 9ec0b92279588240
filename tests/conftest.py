from __future__ import annotations

from pathlib import Path

import os
import tempfile

import pytest

# Tests never read or write the user's segmentation cache (~/.cache/jxlint).
os.environ.setdefault("JXLINT_CACHE_DIR", tempfile.mkdtemp(prefix="jxlint-test-cache-"))
# Every check in the suite is done, never replayed (tests/test_run_cache.py turns the result cache on).
os.environ["JXLINT_NO_RESULT_CACHE"] = "1"

from linter.readers.decode import read_text_file
from linter.readers.published_text import read_published_text

import linter.checks  # noqa: F401,E402  (the engine never imports check types; linter.api and the CLI register them)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "guangzhou-housing-bureau-targets.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CLEAN = FIXTURES / "clean.txt"


@pytest.fixture(scope="session")
def sample_table():
    text, _ = read_text_file(SAMPLE)
    return read_published_text(text, str(SAMPLE))


@pytest.fixture(scope="session")
def sample_lines():
    return SAMPLE.read_text(encoding="utf-8").splitlines()


def indicator_at(table, line: int):
    """The indicator whose text starts on `line` of the sample."""
    for unit, project, ind in table.indicators():
        if ind.source.line == line:
            return unit, project, ind
    raise AssertionError(f"no indicator starts on line {line}")
