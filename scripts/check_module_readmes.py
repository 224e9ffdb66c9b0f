#!/usr/bin/env python3
"""Fails when a module README under Sources/ does not name every Swift file of its module, or
names a file that is not there (issue 13: a newcomer finds every file from the README).

A file is named when its name stands in backticks, alone (`Panel.swift`) or with its folder
(`Workbook/XLSXReader.swift`). Usage: python3 scripts/check_module_readmes.py [Sources]
"""
import os, re, sys


def main(root):
    problems = []
    for module in sorted(os.listdir(root)):
        folder = os.path.join(root, module)
        if not os.path.isdir(folder):
            continue
        files = sorted(os.path.relpath(os.path.join(d, f), folder)
                       for d, _, fs in os.walk(folder) for f in fs if f.endswith(".swift"))
        if not files:
            continue
        readme = os.path.join(folder, "README.md")
        if not os.path.exists(readme):
            problems.append(f"{folder}: no README.md")
            continue
        text = open(readme, encoding="utf-8").read()
        # Paths into Tests/ point at evidence, not at the module's files.
        named = {n for n in re.findall(r"`([\w+/.-]+\.swift)`", text) if not n.startswith("Tests/")}
        names = {os.path.basename(n) for n in named}
        for f in files:
            if f not in named and os.path.basename(f) not in names:
                problems.append(f"{readme}: {f} is not named")
        for n in sorted(named):
            if n not in files and not any(f.endswith("/" + n) or f == n for f in files):
                problems.append(f"{readme}: names {n}, which is not in {folder}")
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s) with the module READMEs" if problems else "every module README names every file of its module")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "Sources"))
