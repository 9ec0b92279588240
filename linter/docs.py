"""Rule documentation pages, generated from the rule YAML (for `jxlint rule` and docs/rules/)."""

from __future__ import annotations

from .engine.schema import CATEGORIES, Rule
from .findings import SEVERITY_LABEL

CATEGORY_LABEL = {
    "parse": "读取（无法归位的内容）",
    "vague-target": "模糊目标",
    "period-annual": "实施周期与年度指标值不一致",
    "category-code": "类别编号",
    "category-fit": "指标归类",
    "value-format": "指标值格式",
    "completeness": "完整性",
    "arithmetic": "金额合计",
    "boilerplate": "模板化复制",
    "year-over-year": "与去年对比",
    "suppression": "抑制指令（jxlint: ignore）",
}


def _block(text: str) -> str:
    return "\n".join("    " + line for line in text.strip().splitlines())


def rule_page(rule: Rule, config_name: str | None = None) -> str:
    """config_name: the file name of the user's config (jxlint.toml or pyproject.toml), to show
    the options table in that file's form; None (generated docs) shows both forms."""
    d = rule.docs
    lines = [
        f"# {rule.code} {rule.name}",
        "",
        f"{rule.summary}",
        "",
        f"- 类别：{rule.category}（{CATEGORY_LABEL[rule.category]}）",
        f"- 默认级别：{rule.severity}（{SEVERITY_LABEL[rule.severity]}）" + ("" if rule.enabled else "；默认关闭，用 --extend-select 启用"),
        f"- 适用于：{', '.join(rule.given)}",
        f"- 检查类型：{rule.check.type}",
        f"- 安全修复：{'有（jxlint fix 可自动修改，见下文“自动修复”）' if rule.autofix else '无（需要人工判断）'}",
        "",
        "## 做什么",
        "",
        d.what.strip(),
        "",
        "## 为什么",
        "",
        d.why.strip(),
        "",
        "## 示例",
        "",
        "不好的写法：",
        "",
        _block(d.bad),
        "",
        "好的写法：",
        "",
        _block(d.good),
        "",
        "## 如何修改",
        "",
        d.fix.strip(),
        "",
    ]
    if rule.autofix:
        lines += ["## 自动修复", "", rule.autofix.summary.strip(), "",
                  "用 `jxlint fix 表格 -o 修改后的副本` 写出修改后的副本（输入文件不变），`--diff` 只列出改动。", ""]
    if rule.options:
        lines += ["## 选项", ""]
        if d.options:
            lines += [d.options.strip(), ""]
        for name, opt in rule.options.items():
            lines.append(f"- `{name}`（默认 `{opt.default!r}`）：{opt.doc}")
        lines += ["", _where_to_set(rule.code, config_name), ""]
    if d.notes:
        lines += ["## 说明", "", d.notes.strip(), ""]
    return "\n".join(lines)


def _where_to_set(code: str, config_name: str | None) -> str:
    own, pyproject = f"在 jxlint.toml 中设置：`[rules.{code}]`", f"在 pyproject.toml 中设置：`[tool.jxlint.rules.{code}]`"
    if config_name == "jxlint.toml":
        return own
    if config_name == "pyproject.toml":
        return pyproject
    return f"{own}；{pyproject}"


def rules_index(rules: list[Rule]) -> str:
    lines = ["# 规则参考", "", "由 `rules/*.yaml` 生成（`python -m linter.docs_gen`），请勿手工编辑。每条规则一页：做什么、为什么、示例、如何修改、选项、默认级别。", ""]
    for category in CATEGORIES:
        members = [r for r in rules if r.category == category]
        if not members:
            continue
        lines += [f"## {category}（{CATEGORY_LABEL[category]}）", "", "| 编号 | 名称 | 默认级别 | 说明 |", "|---|---|---|---|"]
        for r in members:
            off = "（默认关闭）" if not r.enabled else ""
            lines.append(f"| [{r.code}]({r.code}.md) | {r.name} | {r.severity} | {r.summary}{off} |")
        lines.append("")
    return "\n".join(lines)


def check_types_page() -> str:
    """Every registered check type: what it accepts and its parameters (from its Params model)."""
    from . import checks  # noqa: F401  (registers the built-in check types)
    from .rulekit import check_types
    from .template_vars import check_vars, common_vars

    lines = ["# 检查类型参考（Check types）", "", "由已注册的检查类型生成（`python -m linter.docs_gen`），请勿手工编辑。", ""]
    for name, cls in sorted(check_types().items()):
        doc = (cls.__module__ and __import__(cls.__module__, fromlist=["_"]).__doc__ or "").strip()
        lines += [f"## `{name}`", "", f"适用于（given）：{', '.join(cls.accepts)}", ""]
        if doc:
            lines += [doc, ""]
        lines += ["| 参数 | 类型 | 默认值 |", "|---|---|---|"]
        for field, info in cls.Params.model_fields.items():
            default = "（必填）" if info.is_required() else f"`{info.get_default(call_default_factory=True)!r}`"
            annotation = _type_name(info.annotation)
            lines.append(f"| `{field}` | `{annotation}` | {default} |")
        lines += ["", "消息变量（message / fix 模板可用，另有所有检查共有的变量，见文末）："
                  + ("、".join(f"`{{{n}}}`" for n in check_vars(cls)) or "（无）"), ""]
    lines += ["## 所有检查共有的消息变量", "",
              "、".join(f"`{{{n}}}`" for n in common_vars()), "",
              "某些变量只在检查的某一方面（aspect / kind / signal）出现；规则自带的 flag 用例会发现模板中没有值的变量。", ""]
    return "\n".join(lines)


def _type_name(annotation) -> str:
    from typing import Literal, get_args, get_origin

    if get_origin(annotation) is Literal:
        return " / ".join(str(a) for a in get_args(annotation))
    text = str(annotation).replace("typing.", "")
    return annotation.__name__ if isinstance(annotation, type) else text
