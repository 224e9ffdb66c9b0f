#!/usr/bin/env python3
"""Fails when a block of six or more code lines stands twice in Sources/ (issue 13).

Lines are compared with white space folded; blank lines, comments, imports and lines of lone
punctuation (`}`, `)`, `{`) are passed over, as a reader passes over them. A window of six such
lines that appears in two places (in one file or two) is a repeated block: one of the two should
call the other. Runs of six that stand in more than eight places are idiom, not duplication
(argument-parser option lists, `public var … { get }` runs) and are left out, as the tool-library
scan `duplicates` does.

Usage: python3 scripts/check_duplicates.py [Sources]
"""
import collections, hashlib, os, re, sys

WINDOW, TOO_COMMON = 6, 8
PUNCT = re.compile(r"^[\s{}()\[\],;]*$")


def code_lines(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = " ".join(raw.split())
            if not line or line.startswith("//") or line.startswith("import ") or PUNCT.match(line):
                continue
            out.append((number, line))
    return out


def main(root):
    places = collections.defaultdict(list)
    for folder, _, files in os.walk(root):
        for name in sorted(files):
            if not name.endswith(".swift"):
                continue
            path = os.path.join(folder, name)
            lines = code_lines(path)
            for k in range(len(lines) - WINDOW + 1):
                window = lines[k:k + WINDOW]
                key = hashlib.sha1("\n".join(l for _, l in window).encode()).hexdigest()
                places[key].append((path, window[0][0], window[-1][0]))
    repeated = []
    for key, where in places.items():
        if 2 <= len(where) <= TOO_COMMON:
            repeated.append(where)
    # Overlapping windows of one longer run name the same pair of places: report each pair once.
    seen, report = set(), []
    for where in sorted(repeated):
        pair = tuple((p, s // 50) for p, s, _ in where[:2])
        if pair in seen:
            continue
        seen.add(pair)
        report.append(" ~ ".join(f"{p}:{s}-{e}" for p, s, e in where))
    if report:
        print(f"{len(report)} block(s) of {WINDOW}+ lines repeated in {root}:")
        for r in report:
            print("  " + r)
        return 1
    print(f"no block of {WINDOW} or more lines repeated in {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "Sources"))
