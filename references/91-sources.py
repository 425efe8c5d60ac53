#!/usr/bin/env python3
"""Checks the table of chapters/91-sources.md: for each source, the chapters its last column names
are the chapters whose text cites it ("source 000" … "source 004"), found here with a plain search
of chapters/*.md. The appendix has no `expect` block; this script is what checks its numbers.

    python3 references/91-sources.py
"""
import glob
import os
import re

from workbook_reference import Checks

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    c = Checks("91-sources")
    c.section("The sources and the chapters that cite them")
    chapters = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "chapters", "*.md"))):
        number = int(os.path.basename(path)[:2])
        if number < 90:
            chapters[number] = open(path).read().lower()
    table = open(os.path.join(ROOT, "chapters", "91-sources.md")).read()
    for row in re.finditer(r"^\| (00\d) \| .* \| (.*) \|$", table, re.M):
        source, cited = row.group(1), row.group(2)
        citing = sorted(n for n, text in chapters.items() if f"source {source}" in text)
        named = set()
        for low, high in re.findall(r"(\d+) to (\d+)", cited):
            named.update(range(int(low), int(high) + 1))
        named.update(int(n) for n in re.findall(r"(?<!\d )(?<!to )\b(\d+)\b(?! to)", cited))
        c.equal(f"chapters citing source {source} (the table: {sorted(named)})", citing, sorted(named))
    c.finish()


if __name__ == "__main__":
    main()
