"""Synthetic city-scale corpus built from the real sample, with planted near-duplicate groups.

    python benchmarks/synth.py N OUT_DIR [--seed S] [--per-file 300]

Background projects recombine the sample's goal clauses and indicators, with numbers and
wording perturbed, so that two background projects are not near-duplicates of each other.
Planted groups (2–6 members) copy one generated project with a few characters changed (the
"only the district changed" copy) and different amounts. The ground truth, the list of
planted groups as (file, line) of each member, is written to OUT_DIR/truth.json.
Tables are written in the published text layout that jxlint reads.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "guangzhou-housing-bureau-targets.txt"
FILLER = "甲乙丙丁戊己庚辛壬癸东南西北中新老上下前后左右"


@dataclass
class SynthIndicator:
    level1: str
    level2: str
    name: str
    period: str
    annual: str


@dataclass
class SynthProject:
    name: str
    amount: float
    goal: str
    indicators: list[SynthIndicator] = field(default_factory=list)
    group: int | None = None  # planted group id


def load_pools():
    import sys

    sys.path.insert(0, str(ROOT))
    from linter.readers import read_table

    table = read_table(SAMPLE)
    clauses, indicators, names = [], [], []
    for _, project in table.projects():
        names.append(re.sub(r"[（(].*?[)）]", "", project.name))
        clauses += [c for c in re.split(r"[，。；]", project.goal) if len(c) >= 6]
        for ind in project.indicators:
            indicators.append(SynthIndicator(ind.level1.raw, ind.level2.raw, ind.name, ind.period_value or "1个", ind.annual_value or "1个"))
    return sorted(set(clauses)), indicators, sorted(set(names))


def perturb_number(text: str, rng: random.Random) -> str:
    if "%" in text or "％" in text:  # rates stay rates (≤ 100%)
        return text
    return re.sub(r"\d+", lambda m: str(max(1, int(m.group(0)) + rng.randint(-3, 12))), text, count=1)


def background(k: int, rng: random.Random, pools) -> SynthProject:
    clauses, indicators, names = pools
    goal = "，".join(rng.sample(clauses, rng.randint(3, 5)))
    goal = f"通过开展第{k}号项目，{goal}，完成{rng.randint(2, 900)}项任务。"
    inds = []
    for src in rng.sample(indicators, rng.randint(3, 7)):
        period = perturb_number(src.period, rng)
        inds.append(SynthIndicator(src.level1, src.level2, src.name, period, period))
    name = f"{rng.choice(names)}（{k}）"
    return SynthProject(name, round(rng.uniform(5, 5000), 2), goal, inds)


def copy_of(base: SynthProject, k: int, rng: random.Random, group: int) -> SynthProject:
    def tweak(text: str, edits: int) -> str:
        chars = list(text)
        for _ in range(edits):
            chars[rng.randrange(len(chars))] = rng.choice(FILLER)
        return "".join(chars)

    goal = tweak(base.goal, rng.randint(1, 3))
    inds = [SynthIndicator(i.level1, i.level2, i.name, i.period, i.annual) for i in base.indicators]
    return SynthProject(f"{tweak(base.name, 2)}（{k}）", round(base.amount * rng.uniform(0.5, 3.0), 2), goal, inds, group)


def generate(n: int, seed: int = 1, planted_share: float = 0.1) -> list[SynthProject]:
    rng = random.Random(seed)
    pools = load_pools()
    projects: list[SynthProject] = []
    group = 0
    while len(projects) < n:
        k = len(projects)
        if rng.random() < planted_share / 3.5:
            base = background(k, rng, pools)
            base.group = group
            members = [base] + [copy_of(base, k + j + 1, rng, group) for j in range(rng.randint(1, 5))]
            projects += members
            group += 1
        else:
            projects.append(background(k, rng, pools))
    projects = projects[:n]
    rng.shuffle(projects)
    return projects


def wrap(text: str, width: int, rng: random.Random) -> list[str]:
    lines, i = [], 0
    while i < len(text):
        w = width + rng.randint(-3, 3)
        lines.append(text[i:i + w])
        i += w
    return lines


def write_tables(projects: list[SynthProject], out: Path, per_file: int = 300, seed: int = 1) -> dict:
    """Write published-text tables; returns {group id: [(file, line), ...]}."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    truth: dict[int, list] = {}
    for f, start in enumerate(range(0, len(projects), per_file)):
        chunk = projects[start:start + per_file]
        path = out / f"dept-{f:04d}.txt"
        lines = ["", "项目支出绩效目标表（含转移支付项目）", f"部门名称：合成部门{f} 单位：万元", "",
                 "项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标", ""]
        units = [chunk[i:i + 20] for i in range(0, len(chunk), 20)]
        total = sum(p.amount for p in chunk)
        lines.append(f"合计 {total:,.2f} {total:,.2f}")
        for u, members in enumerate(units):
            ut = sum(p.amount for p in members)
            lines.append(f"合成单位{f}-{u} {ut:,.2f} {ut:,.2f}")
            lines.append("")
            for p in members:
                goal_lines = wrap(p.goal, 38, rng)
                lines.append(f"    {p.name} {p.amount:,.2f} {p.amount:,.2f} {goal_lines[0]}")
                if p.group is not None:
                    truth.setdefault(p.group, []).append([str(path), len(lines)])
                lines += goal_lines[1:]
                lines.append("")
                body = "".join(
                    f"{i}、{ind.level1}；{ind.level2}；{ind.name}；实施周期指标值:{ind.period}；年度指标值:{ind.annual}。"
                    for i, ind in enumerate(p.indicators, start=1)
                )
                lines += wrap(body, 50, rng)
                lines.append("")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-file", type=int, default=300)
    args = parser.parse_args()
    truth = write_tables(generate(args.n, args.seed), args.out, args.per_file, args.seed)
    (args.out / "truth.json").write_text(json.dumps(list(truth.values())), encoding="utf-8")
    print(f"wrote {args.n} projects to {args.out} ({len(truth)} planted groups)")


if __name__ == "__main__":
    main()
