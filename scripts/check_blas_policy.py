#!/usr/bin/env python3
"""Checks LinearAlgebra's threading rule (Sources/LinearAlgebra/BLASThreadPolicy.swift): every
function or initialiser whose body calls BLAS or LAPACK (`cblas_*`, `LAPACKE_*`) calls
`BLASThreadPolicy.enforce()` first, and no module outside LinearAlgebra imports the C libraries.

  python3 scripts/check_blas_policy.py Sources          # check (make test)
  python3 scripts/check_blas_policy.py Sources --fix    # insert the missing calls
"""
import pathlib
import re
import sys

CALL = re.compile(r"\b(cblas_\w+|LAPACKE_\w+)\s*\(")
DECL = re.compile(r"\b(func\s+[^\s(<]+|init\??)\s*[(<]")
ENFORCE = "BLASThreadPolicy.enforce()"


def bodies(text):
    """(declaration start, body open index, body close index) of every func/init, outermost too."""
    for m in DECL.finditer(text):
        i, depth = m.end() - 1, 0
        while i < len(text):  # the body opens at the first `{` outside the parameter list
            c = text[i]
            if c in "([":
                depth += 1
            elif c in ")]":
                depth -= 1
            elif c == "{" and depth == 0:
                break
            i += 1
        if i >= len(text):
            continue
        open_, depth = i, 0
        while i < len(text):
            if text[i] == "{":
                depth += 1
            elif text[i] == "}":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        yield m.start(), open_, i


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Sources")
    fix = "--fix" in sys.argv
    problems = []
    for path in sorted(root.rglob("*.swift")):
        text = path.read_text()
        if path.parent.name != "LinearAlgebra":
            if re.search(r"^\s*(\w+\s+)?import\s+CLapack\b", text, re.M):
                problems.append(f"{path}: imports CLapack; only LinearAlgebra may call BLAS/LAPACK")
            continue
        if path.name == "BLASThreadPolicy.swift":
            continue
        inserts = []
        for start, open_, close in bodies(text):
            body = text[open_:close]
            if CALL.search(body) and ENFORCE not in body:
                # innermost rule: a nested function is checked on its own
                inner = [b for b in bodies(body[1:]) if CALL.search(body[1:][b[1]:b[2]])]
                if inner and not CALL.search(re.sub(r"func[\s\S]*", "", body)):
                    continue
                line = text.count("\n", 0, start) + 1
                problems.append(f"{path}:{line}: calls BLAS/LAPACK without {ENFORCE} first")
                inserts.append(open_)
        if fix and inserts:
            for pos in sorted(set(inserts), reverse=True):
                indent = re.match(r"[ \t]*", text[text.rfind("\n", 0, pos) + 1:]).group(0) + "    "
                text = text[:pos + 1] + "\n" + indent + ENFORCE + text[pos + 1:]
            path.write_text(text)
    if problems and not fix:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)
    if problems:
        print("\n".join(p + " (fixed)" for p in problems))


if __name__ == "__main__":
    main()
