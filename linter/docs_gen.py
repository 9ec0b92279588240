"""Generate the rule reference (docs/rules/) and the check-type reference (docs/check-types.md)
from rules/*.yaml and the registered check types.

    python -m linter.docs_gen [DOCS_DIR]     # default: docs/ next to the source tree
    python -m linter.docs_gen --check        # exit 1 when the generated pages are out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

from .docs import check_types_page, rule_page, rules_index
from .rulebook import load_rules


def render_all() -> dict[str, str]:
    """Relative path under docs/ → page text."""
    rules = load_rules()
    pages = {f"rules/{r.code}.md": rule_page(r) for r in rules}
    pages["rules/README.md"] = rules_index(rules)
    pages["check-types.md"] = check_types_page()
    return pages


def default_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "docs"


def stale(out: Path) -> list[str]:
    pages = render_all()
    wrong = [name for name, text in pages.items() if not (out / name).is_file() or (out / name).read_text(encoding="utf-8") != text]
    rules_dir = out / "rules"
    extra = [f"rules/{p.name}" for p in rules_dir.glob("*.md") if f"rules/{p.name}" not in pages] if rules_dir.is_dir() else []
    return sorted(wrong + extra)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in args
    args = [a for a in args if a != "--check"]
    out = Path(args[0]) if args else default_dir()
    if check:
        bad = stale(out)
        if bad:
            print("生成的文档与 rules/*.yaml 不一致，请运行 python -m linter.docs_gen：" + ", ".join(bad))
            return 1
        return 0
    (out / "rules").mkdir(parents=True, exist_ok=True)
    pages = render_all()
    for old in (out / "rules").glob("*.md"):
        if f"rules/{old.name}" not in pages:
            old.unlink()
    for name, text in pages.items():
        (out / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(pages)} pages to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
