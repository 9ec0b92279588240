"""How many files a worker takes at a time (linter/api.py chunk_size)."""

from linter.api import CHUNK_BYTES, chunk_size


def test_large_files_go_one_or_a_few_at_a_time_small_ones_in_batches(tmp_path):
    big = []
    for i in range(40):
        (p := tmp_path / f"big{i}.txt").write_bytes(b"x" * (CHUNK_BYTES // 3))
        big.append(p)
    assert chunk_size(big, 2) == 2  # 40 // 16; a third of CHUNK_BYTES each would allow 3
    assert chunk_size(big[:20], 2) == 1
    small = []
    for i in range(400):
        (p := tmp_path / f"small{i}.txt").write_bytes(b"x" * 100)
        small.append(p)
    assert chunk_size(small, 2) == 25  # bounded by the number of files: 8 chunks per worker
