"""Reader for the published text layout of a 项目支出绩效目标表 (text extracted from the PDF).

Layout (see docs/dev/published-text.md): a title, ``部门名称：X 单位：万元``, a column header,
``合计`` with the department totals, then unit header lines ("单位名称 48.00 48.00", not
indented) and indented project lines ("    项目名称 30.00 30.00 绩效目标…"). A project name may
wrap over lines before its amounts; the goal text follows the amounts; indicator paragraphs
start with "1、1-产出指标；" and wrap anywhere, even inside a code or a label. Page footers
("第 12 页，共 34 页") may fall between paragraphs.

Every non-blank line ends up somewhere: in the model, as known layout (title, header, footer),
or as a ParseIssue that a ``parse`` rule reports.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal, InvalidOperation

from ..limits import current, exceeded, tick
from ..model import Amounts, Category, Indicator, ParseIssue, Project, Source, Table, Unit, fast_model, fast_new, set_field

AMOUNT = r"-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}"
# an amount that is a whole whitespace-delimited token, and one more right after it
AMOUNT_WORD = re.compile(rf"(?<!\S){AMOUNT}(?!\S)")
NEXT_AMOUNT_WORD = re.compile(rf"\s+{AMOUNT}(?!\S)")


class NameAmounts:
    """"[name] amounts [goal…]": up to four amount tokens; the name is whatever precedes the
    first amount token (none when the line starts with one), the rest what follows.

    Found with a search for a whole whitespace-delimited amount token rather than one regex over
    the line: "(name.*?)\\s+(amounts)…" backtracks quadratically (worse with the rest) on a long
    line with a long run of spaces. Each token start is tried once, so this stays linear."""

    __slots__ = ("groups",)

    def __init__(self, name: str | None, amts: str, rest: str | None):
        self.groups = {"name": name, "amts": amts, "rest": rest}

    def __getitem__(self, key: str) -> str | None:
        return self.groups[key]

    @classmethod
    def match(cls, line: str) -> NameAmounts | None:
        if "." not in line:  # every amount has one; most lines have none
            return None
        first = AMOUNT_WORD.search(line)
        if first is None:
            return None
        end = first.end()
        for _ in range(3):
            more = NEXT_AMOUNT_WORD.match(line, end)
            if more is None:
                break
            end = more.end()
        name = line[:first.start()].strip() or None
        rest = line[end:].lstrip() or None
        return cls(name, line[first.start():end], rest)


NAME_AMOUNTS = NameAmounts
TOTAL = re.compile(rf"^\s*(?:合\s*计|总\s*计)\s+(?P<amts>{AMOUNT}(?:\s+{AMOUNT}){{0,3}})\s*$")
DEPARTMENT_LABEL = re.compile(r"部门(?:名称)?\s*[:：]\s*")
MONEY_UNIT_LABEL = re.compile(r"(?:金额)?单位\s*[:：]\s*")


class Department:
    """"部门名称：X [金额]单位：万元" anywhere in a line → dept X, unit 万元 (the last token).

    The regex "(?P<dept>\\S.*?)\\s*(?:单位…)?\\s*$" backtracks quadratically on long space runs;
    this finds the same parts with linear scans."""

    @staticmethod
    def search(text: str) -> dict[str, str | None] | None:
        for label in DEPARTMENT_LABEL.finditer(text):
            rest = text[label.end():].rstrip()
            if not rest:
                continue
            last_token = len(rest) - len(rest.split()[-1])
            for unit in MONEY_UNIT_LABEL.finditer(rest, 1):
                if last_token <= unit.end() < len(rest):
                    return {"dept": rest[:unit.start()].rstrip(), "unit": rest[unit.end():]}
            return {"dept": rest, "unit": None}
        return None


DEPARTMENT = Department
PAGE_FOOTER = re.compile(r"^\s*(?:第\s*\d+\s*页\s*[，,]?\s*共\s*\d+\s*页|-\s*\d+\s*-|\d+\s*/\s*\d+)\s*$")
COLUMN_HEADER = re.compile(r"^\s*项目名称.*(?:总计|绩效目标|绩效指标)")
TITLE = re.compile(r"绩效目标表")
# An indicator starts with its number and a category ending in 指标 ("1、1-产出指标；").
INDICATOR_START = re.compile(r"(?:^|(?<=[。；;]))\s*(\d{1,3})\s*[、.．]\s*(?=[^；;。]{0,16}?指标\s*[；;])")
# The same starts, found faster: at a separator (a pattern that opens with a character class is
# searched for that class), or at the very start. Group 1 is the match of INDICATOR_START.
INDICATOR_AFTER_SEPARATOR = re.compile(r"[。；;](\s*(\d{1,3})\s*[、.．]\s*)(?=[^；;。]{0,16}?指标\s*[；;])")
INDICATOR_AT_START = re.compile(r"(\s*(\d{1,3})\s*[、.．]\s*)(?=[^；;。]{0,16}?指标\s*[；;])")
PARAGRAPH_START = re.compile(r"^\s*\d{1,3}\s*[、.．]\s*[^；;。]{0,16}?指标\s*[；;]")
PERIOD_LABEL = re.compile(r"(?:实施周期|总体|整体|中期)\s*指\s*标\s*值\s*[:：]")
ANNUAL_LABEL = re.compile(r"年\s*度\s*指\s*标\s*值\s*[:：]")
# applied to stripped text: a greedy name (a lazy one before "\\s*$" is quadratic on inner spaces)
CATEGORY = re.compile(r"(?P<code>\d{1,2})\s*[-－—–.、]?\s*(?P<name>.*)")
SENTENCE_PUNCT = re.compile(r"[，。；：,;:]")
TRIM = "；;。.，, \t\u3000"
SEMICOLON = re.compile(r"[；;]")

PROJECT_INDENT = 2  # projects are indented in the published layout; unit headers are not


def parse_amounts(raw: str) -> Amounts:
    figures: list[Decimal] = []
    for token in raw.split():
        try:
            figures.append(Decimal(token.replace(",", "")))
        except InvalidOperation:
            continue
    values = {"raw": raw.strip(), "figures": figures, "total": None, "fiscal": None, "special": None, "other": None}
    if figures:
        values["total"] = figures[0]
    if len(figures) == 4:  # all columns printed: the layout is unambiguous
        values["fiscal"], values["special"], values["other"] = figures[1:]
    elif len(figures) == 2:  # one funding column; the sample's usual case is 财政拨款
        values["fiscal"] = figures[1]
    return fast_model(Amounts, values, AMOUNTS_FIELDS)


CATEGORIES: dict[str, Category] = {}  # raw → parsed; the reader's loop looks here first
CATEGORIES_KEPT = 4096  # then it starts again (a hostile table may have a million distinct ones)


def parse_category(raw: str) -> Category:
    """Categories repeat across a table; the (immutable by convention) object is shared."""
    category = CATEGORIES.get(raw)
    if category is None:
        text = raw.strip()
        m = CATEGORY.fullmatch(text)
        if m:
            category = fast_model(Category, {"raw": text, "code": m["code"], "name": m["name"]})
        else:
            category = fast_model(Category, {"raw": text, "code": None, "name": text})
        if len(CATEGORIES) >= CATEGORIES_KEPT:
            CATEGORIES.clear()
        CATEGORIES[raw] = category
    return category


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" \u3000\t"))


class _Paragraph:
    """An indicator paragraph being collected: its lines, stripped, with their numbers."""

    __slots__ = ("lines", "recent", "annual", "folded")
    # Whether the paragraph looks finished is kept from each line and a short window before it,
    # so a long paragraph stays linear. It is asked only now and then (after a blank line, or on
    # every line of a flat layout), so lines are folded into that state when it is asked.
    WINDOW = 64

    def __init__(self) -> None:
        self.lines: list[tuple[int, str]] = []  # (line number, stripped text), appended by the reader
        self.recent = ""
        self.annual = False  # a 年度指标值 label after the last indicator start
        self.folded = 0  # lines folded into recent/annual so far

    def _fold(self) -> None:
        recent, annual = self.recent, self.annual
        for k in range(self.folded, len(self.lines)):
            window = recent + self.lines[k][1]
            last = None
            for last in INDICATOR_START.finditer(window, 0 if k == 0 else 1):
                pass
            if last is not None:
                annual = ANNUAL_LABEL.search(window, last.start()) is not None
            else:
                annual = annual or ANNUAL_LABEL.search(window) is not None
            recent = window[-self.WINDOW:]
        self.recent, self.annual, self.folded = recent, annual, len(self.lines)

    def unfinished(self) -> bool:
        """A paragraph cut by a page break: its text stops before a final 年度指标值 or 。."""
        if self.folded < len(self.lines):
            self._fold()
        return not self.annual or not self.recent.rstrip().endswith(("。", "."))

    def text_and_lines(self) -> tuple[str, list[int] | _LineIndex]:
        """The lines joined without separators, and the file line of each character of it
        (two more at the end: offsets just past the text fall on its last line)."""
        lines = self.lines
        text = "".join([chunk for _, chunk in lines])
        if len(text) > LINE_LIST_LIMIT:
            return text, _LineIndex(lines)
        line_of: list[int] = []
        for lineno, chunk in lines:
            line_of += [lineno] * len(chunk)
        line_of += [lineno, lineno]
        return text, line_of


LINE_LIST_LIMIT = 1 << 16  # characters; a longer paragraph gets a search instead of a list


class _LineIndex:
    """Offset in a long joined paragraph → line number in the file, by binary search (a list
    per character would take eight bytes a character). Every line adds at least one character,
    so an offset past the end falls on the last line; offsets are never negative."""

    __slots__ = ("starts", "numbers")

    def __init__(self, lines: list[tuple[int, str]]):
        self.starts: list[int] = []
        self.numbers: list[int] = []
        offset = 0
        for lineno, chunk in lines:
            self.starts.append(offset)
            self.numbers.append(lineno)
            offset += len(chunk)

    def __getitem__(self, offset: int) -> int:
        return self.numbers[bisect_right(self.starts, offset) - 1]


# Every field given: one set shared by all objects of a model the reader builds (see
# fast_model) — a set per object would be a fifth of a project's memory.
SOURCE_FIELDS = set(Source.model_fields)
INDICATOR_FIELDS = set(Indicator.model_fields)
PROJECT_FIELDS = set(Project.model_fields)
AMOUNTS_FIELDS = set(Amounts.model_fields)
SMALL_NUMBERS = {str(i): i for i in range(1000)}  # int() of an indicator number, looked up


class PublishedTextReader:
    format = "published-text"

    def __init__(self, text: str, path: str):
        self.path = path
        self.lines = text.splitlines()
        # built without validation (valid by construction): a run of this reader never builds the
        # models' validators (model.py defers them)
        self.table = fast_new(Table, source=self.src(1, len(self.lines)), format=self.format, value_sides="both")
        self.unit: Unit | None = None
        self.project: Project | None = None
        self.state = "header"  # header | name | goal | indicators
        self.paragraph: _Paragraph | None = None
        self.blank_since_paragraph = False
        self.goal_lines: list[str] = []  # goal lines of the open project not yet in its goal
        # Some PDF-to-text tools drop indentation; then projects are told from unit headers
        # by what follows them (see is_project_start).
        self.flat = not any(indent_of(line) >= PROJECT_INDENT for line in self.lines if line.strip())

    # -- helpers --------------------------------------------------------------------------
    def src(self, first: int, last: int | None = None) -> Source:
        values = {"file": self.path, "line": first, "end_line": last if last is not None else first, "sheet": None, "cell": None}
        return fast_model(Source, values, SOURCE_FIELDS)

    def issue(self, kind: str, lineno: int, text: str, detail: str = "") -> None:
        self.table.issues.append(
            ParseIssue(
                kind=kind,
                text=text.strip(),
                detail=detail,
                source=self.src(lineno),
                unit=self.unit.name if self.unit else None,
                project=self.project.name if self.project else None,
            )
        )

    def add_goal(self, lineno: int, stripped: str) -> None:
        """A goal line after the amounts line: kept, and joined to the goal when the project
        closes (joining line by line is quadratic in a long goal)."""
        if not self.goal_lines:
            self.project.field_lines.setdefault("goal", lineno)
        self.goal_lines.append(stripped)

    def close_project(self) -> None:
        self.flush_paragraph()
        project = self.project
        if project is not None:
            if self.goal_lines:
                set_field(project, "goal", project.goal + "".join(self.goal_lines))
                self.goal_lines = []
            source = project.source
            last = source.line or 0
            if project.indicators:  # read in file order: the last one ends last
                last = max(last, project.indicators[-1].source.end_line or 0)
            set_field(project, "source", self.src(source.line or 0, max(last, source.end_line or 0)))
        self.project = None

    def start_unit(self, name: str, amounts: Amounts, lineno: int) -> None:
        self.close_project()
        self.unit = fast_new(Unit, name=name.strip(), amounts=amounts, source=self.src(lineno), field_lines={"amounts": lineno})
        self.table.units.append(self.unit)
        self.state = "header"

    def ensure_unit(self, lineno: int) -> Unit:
        if self.unit is None:
            # A project before any unit header: file it under the department itself.
            self.unit = fast_new(Unit, name=self.table.department or "（未注明单位）", source=self.src(lineno))
            self.table.units.append(self.unit)
        return self.unit

    # -- main loop ------------------------------------------------------------------------
    def read(self) -> Table:
        limits = current()
        if len(self.lines) > limits.rows:
            raise exceeded(self.path, "rows", limits.rows, f"共 {len(self.lines):,} 行")
        cell_chars = limits.cell_chars
        feed, flat = self.feed, self.flat
        footer, total, paragraph_start = PAGE_FOOTER.match, TOTAL.match, PARAGRAPH_START.match
        for lineno, line in enumerate(self.lines, start=1):
            if not lineno & 63:  # the time budget, checked every 256 lines as tick() per line would
                tick(4)
            if len(line) > cell_chars:
                raise exceeded(self.path, "cell-chars", cell_chars, f"这一行长达 {len(line):,} 个字符", f"第 {lineno} 行")
            stripped = line.strip()
            if not stripped:
                if self.paragraph is not None:
                    self.blank_since_paragraph = True
                continue
            # Most lines go on an open indicator paragraph or a goal. Such a line is taken here
            # when feed's tests before those branches all fail: not page furniture, not the
            # 合计 line, not indented (a project), not an indicator start, no "." (no amounts:
            # not a unit header). Any other line goes to feed. A page footer, 合计 line or
            # indicator start opens with a digit, "第", "-", "合" or "总" (after the spaces that
            # strip() and their "^\s*" both skip): other lines need no regex.
            state = self.state
            if (
                not flat
                and (state == "indicators" or state == "goal")
                and "." not in line
                and len(line) - len(line.lstrip(" \u3000\t")) < PROJECT_INDENT
                and (
                    (not stripped[0].isdigit() and stripped[0] not in "第-合总")
                    or not (paragraph_start(line) or footer(line) or total(line))
                )
            ):
                if state == "indicators":
                    if self.paragraph is not None and not self.blank_since_paragraph:
                        self.paragraph.lines.append((lineno, stripped))
                        continue
                elif self.project is not None:
                    self.add_goal(lineno, stripped)
                    continue
            feed(lineno, line)
        self.close_project()
        return self.table

    def feed(self, lineno: int, line: str) -> None:
        stripped = line.strip()
        if not stripped:
            if self.paragraph is not None:
                self.blank_since_paragraph = True
            return
        if PAGE_FOOTER.match(line):
            return  # page furniture of the PDF, not content
        state = self.state
        if state == "header" and self.unit is None and self.table.total is None:
            if self.header_line(line, lineno):
                return
        if "计" in line and (m := TOTAL.match(line)):
            table = self.table
            total = parse_amounts(m["amts"])
            set_field(total, "raw", stripped)
            set_field(table, "total", total)
            table.field_lines["amounts"] = lineno
            return
        if state == "name":
            self.name_line(line, lineno)
            return
        indent = len(line) - len(line.lstrip(" \u3000\t"))
        if indent >= PROJECT_INDENT if not self.flat else self.is_project_start(line, lineno):
            self.start_project(line, lineno)
            return
        if PARAGRAPH_START.match(line):
            self.flush_paragraph()
            if self.project is None:
                self.issue("unplaced-line", lineno, line, "指标段落不属于任何项目")
                return
            self.paragraph = paragraph = _Paragraph()
            paragraph.lines.append((lineno, stripped))
            self.blank_since_paragraph = False
            self.state = "indicators"
            return
        if indent < PROJECT_INDENT and "." in line and self.unit_line(line, lineno):  # amounts have a "."
            return
        if state == "goal" and self.project is not None:
            self.add_goal(lineno, stripped)
            return
        if state == "indicators" and (paragraph := self.paragraph) is not None:
            if not self.blank_since_paragraph or paragraph.unfinished():
                paragraph.lines.append((lineno, stripped))
                self.blank_since_paragraph = False
                return
        self.issue("unplaced-line", lineno, line)

    def is_project_start(self, line: str, lineno: int) -> bool:
        """In a flat layout (indented projects are told by feed itself)."""
        if PARAGRAPH_START.match(line):
            return False
        m = NAME_AMOUNTS.match(line)  # indicator text never ends in two-decimal amounts
        if m and m["name"] and not SENTENCE_PUNCT.search(m["name"]):
            if m["rest"]:
                return True  # goal text follows the amounts: only projects have one
            following = self.next_content(lineno)
            if following is None:
                return False
            # a unit header is followed by a project line; a project by its goal or indicators
            nm = NAME_AMOUNTS.match(following)
            if nm and nm["name"] and not SENTENCE_PUNCT.search(nm["name"]):
                return False
            # goal text follows a project; a unit header is followed by a project whose name
            # wrapped: its lines run, without a sentence, into the line that ends in amounts
            return not self.name_runs_on(lineno)
        if m:  # amounts alone: they belong to the name above
            return False
        # a wrapped project name after a finished project or a unit header
        if self.unit is None:
            return False
        if self.state == "header":
            after_block = True
        elif self.state == "indicators":
            after_block = self.paragraph is not None and (self.blank_since_paragraph or not self.paragraph.unfinished())
        else:
            after_block = False
        return after_block and self.name_runs_on(lineno - 1)

    def name_runs_on(self, lineno: int) -> bool:
        """Whether the content after line ``lineno`` (1-based) is a wrapped project name: lines
        without sentence punctuation up to one that ends in the amounts. A goal reaches a
        sentence or an indicator paragraph first. (No line width: columns differ by table.)"""
        for line in self.lines[lineno:lineno + 12]:
            stripped = line.strip()
            if not stripped or PAGE_FOOTER.match(line):
                continue
            if m := NAME_AMOUNTS.match(stripped):
                return not SENTENCE_PUNCT.search(m["name"] or "")
            if SENTENCE_PUNCT.search(stripped) or PARAGRAPH_START.match(stripped):
                return False
        return False

    def in_open_paragraph(self) -> bool:
        return self.paragraph is not None and not self.blank_since_paragraph

    def next_content(self, lineno: int) -> str | None:
        for line in self.lines[lineno:lineno + 12]:  # lineno is 1-based: this starts after it
            if line.strip() and not PAGE_FOOTER.match(line):
                return line.strip()
        return None

    def paragraph_is_unfinished(self) -> bool:
        assert self.paragraph is not None
        return self.paragraph.unfinished()

    def header_line(self, line: str, lineno: int) -> bool:
        stripped = line.strip()
        if m := DEPARTMENT.search(stripped):
            self.table.department = m["dept"]
            if m["unit"]:
                self.table.money_unit = m["unit"]
            return True
        if COLUMN_HEADER.match(line):
            return True
        if TITLE.search(stripped) and not self.table.title:
            self.table.title = stripped
            return True
        return False

    def unit_line(self, line: str, lineno: int) -> bool:
        """A unit header ("单位名称 48.00 48.00"); feed calls it for unindented lines only."""
        m = NAME_AMOUNTS.match(line)
        if not m or not m["name"] or m["rest"] or SENTENCE_PUNCT.search(m["name"]):
            return False
        self.flush_paragraph()
        self.start_unit(m["name"], parse_amounts(m["amts"]), lineno)
        return True

    def start_project(self, line: str, lineno: int) -> None:
        self.close_project()
        unit = self.ensure_unit(lineno)
        self.project = new_project(self.src(lineno))
        unit.projects.append(self.project)
        m = NAME_AMOUNTS.match(line)
        if m and m["name"] and not SENTENCE_PUNCT.search(m["name"]):
            self.set_amounts(m["name"], m["amts"], m["rest"], lineno)
        else:
            set_field(self.project, "name", line.strip())
            self.state = "name"

    def set_amounts(self, name_part: str, amts: str, rest: str | None, lineno: int) -> None:
        project = self.project
        assert project is not None
        set_field(project, "name", project.name + name_part.strip())
        set_field(project, "amounts", parse_amounts(amts))
        project.field_lines["amounts"] = lineno
        set_field(project, "source", self.src(project.source.line or lineno, lineno))
        if rest:
            set_field(project, "goal", rest.strip())
            project.field_lines["goal"] = lineno
        self.state = "goal"

    def name_line(self, line: str, lineno: int) -> None:
        """A line after a project name that had no amounts yet."""
        assert self.project is not None
        m = NAME_AMOUNTS.match(line)
        if m and not SENTENCE_PUNCT.search(m["name"] or ""):
            self.set_amounts(m["name"] or "", m["amts"], m["rest"], lineno)
            return
        stripped = line.strip()
        if PARAGRAPH_START.match(line) or SENTENCE_PUNCT.search(stripped) or len(stripped) > 40:
            # Goal or indicators began before any amounts were printed.
            self.issue("missing-amounts", self.project.source.line or lineno, self.project.name, "项目名称后没有金额")
            self.state = "goal"
            self.feed(lineno, line)
            return
        set_field(self.project, "name", self.project.name + stripped)
        set_field(self.project, "source", self.src(self.project.source.line or lineno, lineno))

    # -- indicators -----------------------------------------------------------------------
    def flush_paragraph(self) -> None:
        paragraph, self.paragraph = self.paragraph, None
        self.blank_since_paragraph = False
        if paragraph is None or self.project is None:
            return
        text, line_of = paragraph.text_and_lines()
        starts = indicator_starts(text)
        if not starts or starts[0][0] > 0 and text[: starts[0][0]].strip(TRIM):
            first = paragraph.lines[0][0]
            lead = text[: starts[0][0]] if starts else text
            self.issue("malformed-indicator", first, lead, "无法识别指标编号与类别")
        if starts:
            self.parse_indicators(text, starts, line_of)

    def parse_indicators(self, text: str, found: list[tuple[int, int, str, int]], line_of) -> None:
        """The indicators of one paragraph, each from its start to the next one's. One loop with
        everything it uses at hand: it runs for every indicator of a city corpus.
        ``line_of[offset]``: the file line of a character of ``text`` (text_and_lines)."""
        indicators = self.project.indicators
        path = self.path
        split, period_label, annual_label = SEMICOLON.split, PERIOD_LABEL.search, ANNUAL_LABEL.search
        category, known_category, model, small_int = parse_category, CATEGORIES.get, fast_model, SMALL_NUMBERS.get
        ends = [x[0] for x in found[1:]]
        ends.append(len(text))
        for (_, start, number, base), end in zip(found, ends):
            chunk = text[base:end]
            parts = split(chunk, 2) if ";" in chunk else chunk.split("；", 2)  # the same pieces
            level1_raw = parts[0]
            level2_raw = parts[1] if len(parts) > 1 else ""
            rest_offset = base + len(level1_raw) + 1 + len(level2_raw) + 1
            rest = parts[2] if len(parts) > 2 else ""
            period = annual = None
            pm = period_label(rest)
            am = annual_label(rest, pm.end() if pm else 0)
            # each field's line, in the order they were always found in
            field_lines: dict[str, int] = {}
            if pm:
                period = rest[pm.end(): am.start() if am else len(rest)].strip(TRIM)
                field_lines["period_value"] = line_of[rest_offset + pm.end()]
                name_end = pm.start()
            elif am:
                name_end = am.start()
            else:
                name_end = len(rest)
            if am:
                annual = rest[am.end():].strip(TRIM)
                field_lines["annual_value"] = line_of[rest_offset + am.end()]
            field_lines["name"] = line_of[rest_offset]
            field_lines["level1"] = line_of[base]
            field_lines["level2"] = line_of[base + len(level1_raw) + 1]
            first = line_of[start]
            # fast_model: the reader builds well-typed values itself; validating half a million
            # indicators of a city corpus would cost more than reading them.
            source = model(Source, {"file": path, "line": first, "end_line": line_of[end - 1], "sheet": None, "cell": None},
                           SOURCE_FIELDS)
            raw = text[start:end].strip()
            indicators.append(model(Indicator, {
                "number": small_int(number) or int(number),
                "number_raw": number,
                "level1": known_category(level1_raw) or category(level1_raw),
                "level2": known_category(level2_raw) or category(level2_raw),
                "name": rest[:name_end].strip(TRIM),
                "period_value": period,
                "annual_value": annual,
                "raw": raw,
                "source": source,
                "field_lines": field_lines,
                "extra": {},
                "field_cells": {},
            }, INDICATOR_FIELDS))
            if not pm and not am:
                self.issue("malformed-indicator", first, raw, "找不到“实施周期指标值/年度指标值”标签")


def indicator_starts(text: str) -> list[tuple[int, int, str, int]]:
    """(start, start of the number, number as printed, end) of every INDICATOR_START match in a paragraph's text.

    INDICATOR_START may match only at the start or right after a separator, and what it matches
    holds no separator, so its matches are exactly those found at the start and after each
    separator (see INDICATOR_AFTER_SEPARATOR): the same list, without a look-behind tried at
    every character."""
    found = []
    if m := INDICATOR_AT_START.match(text):
        _, (start, end), (number, number_end) = m.regs
        found.append((start, number, text[number:number_end], end))
    for m in INDICATOR_AFTER_SEPARATOR.finditer(text):
        _, (start, end), (number, number_end) = m.regs  # group 1 runs to the match's end
        found.append((start, number, text[number:number_end], end))
    return found


def new_project(source: Source) -> Project:
    """Project(name="", source=source), built without validation (one per project line); every
    field is set by the reader, so all share one fields set."""
    return fast_new(Project, PROJECT_FIELDS, name="", source=source)


def read_published_text(text: str, path: str) -> Table:
    return PublishedTextReader(text, path).read()


def layout_lines(lines: list[str]) -> int:
    """How many of the lines carry the published layout (an indicator paragraph's start, a
    period or annual value label)."""
    return sum(1 for line in lines if PARAGRAPH_START.search(line) or PERIOD_LABEL.search(line) or ANNUAL_LABEL.search(line))


def looks_like_published_text(text: str) -> bool:
    head = text[:20000]
    return bool(PERIOD_LABEL.search(head) or ANNUAL_LABEL.search(head) or PARAGRAPH_START.search(head))
