"""The reader's fast paths find exactly what the plain definitions find (issue 15)."""

from __future__ import annotations

import random
import re

from conftest import SAMPLE

from linter.readers.published_text import AMOUNT, INDICATOR_START, NameAmounts, indicator_starts, read_published_text

AMOUNT_TOKEN = re.compile(AMOUNT)


def name_amounts_by_tokens(line: str):
    """The definition: the first whitespace token that is an amount, up to three more after it."""
    tokens = list(re.finditer(r"\S+", line))
    for i, tok in enumerate(tokens):
        if AMOUNT_TOKEN.fullmatch(tok.group()):
            j = i
            while j + 1 < len(tokens) and j - i < 3 and AMOUNT_TOKEN.fullmatch(tokens[j + 1].group()):
                j += 1
            name = line[tokens[0].start():tokens[i - 1].end()] if i else None
            rest = line[tokens[j + 1].start():] if j + 1 < len(tokens) else None
            return {"name": name, "amts": line[tok.start():tokens[j].end()], "rest": rest}
    return None


def starts_by_definition(text: str):
    return [(m.start(), m.start(1), m.group(1), m.end()) for m in INDICATOR_START.finditer(text)]


def test_name_amounts_match_the_token_definition():
    rng = random.Random(7)
    pieces = ["1", "0", ",", ".", "-", " ", "  ", "\u3000", "\t", "名", "12.00", "1,234.56", "-3.50", "12.0", "1,23.00", "。", "\xa0"]
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    lines += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(20000)]
    for line in lines:
        found = NameAmounts.match(line)
        assert (found.groups if found else None) == name_amounts_by_tokens(line), repr(line)


def test_indicator_starts_match_the_look_behind_pattern():
    rng = random.Random(5)
    pieces = ["。", "；", ";", " ", "1", "12", "1234", "、", ".", "．", "1-产出指标", "指标", "名", "\u3000"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))) for _ in range(20000)]
    texts.append("".join(line.strip() for line in SAMPLE.read_text(encoding="utf-8").splitlines()))
    for text in texts:
        assert indicator_starts(text) == starts_by_definition(text), repr(text)


def test_shared_field_sets_stay_whole_after_assignment():
    table = read_published_text(SAMPLE.read_text(encoding="utf-8"), str(SAMPLE))
    first, second = table.units[0].projects[:2]
    first.goal = "改过的目标"  # pydantic adds "goal" to the (shared) fields set: already there
    assert first.model_fields_set == set(type(first).model_fields)  # the shared set names every field
    # a model built with only some fields set keeps its own set: assigning to a reader's
    # project must not reach it
    from linter.model import Project, fast_new

    partial = fast_new(Project, name="甲", source=first.source)
    second.extra = {"备注": "x"}
    assert partial.model_fields_set == {"name", "source"}
    assert table.counts() == {"units": 17, "projects": 276, "indicators": 1378}
