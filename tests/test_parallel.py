"""Worker processes (--jobs) give exactly the findings of a sequential run."""

from conftest import SAMPLE
from linter.api import lint_paths
from linter.config import Settings


def test_parallel_equals_sequential(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(SAMPLE.read_bytes())
    key = lambda f: (f.code, f.file, f.line, f.message, f.value)  # noqa: E731
    sequential = lint_paths([str(tmp_path)], Settings(), jobs=1)
    parallel = lint_paths([str(tmp_path)], Settings(), jobs=2)
    assert sorted(map(key, parallel.findings)) == sorted(map(key, sequential.findings))
    assert [t.counts() for t in parallel.tables] == [t.counts() for t in sequential.tables]
    # cross-table groups span both files
    dup = [f for f in parallel.findings if f.code == "DUP002"]
    assert dup and all({m["file"] for m in f.data["members"]} == {str(tmp_path / "a.txt"), str(tmp_path / "b.txt")} for f in dup)
