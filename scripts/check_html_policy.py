#!/usr/bin/env python3
"""Checks what Sources/Workspace/README.md says of its pages: markup is written in one place,
`HTML.render` (Sources/Workspace/HTML.swift), from typed nodes, so every text and attribute
value is escaped there. No other file of the workspace may hold a string literal with a tag in
it (`<p`, `</td`, `<!doctype`); the stylesheet and script (Assets.swift) are not pages. The fan
chart's SVG comes from FanChart (MizanSupport) through `HTML.svg`.

  python3 scripts/check_html_policy.py Sources          # check (make test)
"""
import pathlib
import re
import sys

LITERAL = re.compile(r'"(?:[^"\\\n]|\\.)*"')
TAG = re.compile(r"</?[A-Za-z!]")
ALLOWED = {"HTML.swift", "Assets.swift"}


def main(root):
    problems = []
    for path in sorted(pathlib.Path(root, "Workspace").rglob("*.swift")):
        if path.name in ALLOWED:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("//", 1)[0] if not line.lstrip().startswith("///") else ""
            for lit in LITERAL.findall(code):
                if TAG.search(lit):
                    problems.append(f"{path}:{n}: markup written by hand ({lit[:40]}); build it with HTML nodes")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "Sources"))
