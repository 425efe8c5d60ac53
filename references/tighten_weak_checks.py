#!/usr/bin/env python3
"""Rewrites the book's weak `≈` checks with the reference scripts' own values.

A check is weak when its tolerance is more than 1 % of a non-zero expected number (the rule of
`workbook verify --strict`, `ToleranceAudit` in WorkbookKit): `dZ2DA1 ≈ -1` accepts -0.5 to -1.5.
This script runs every chapter's reference script with WORKBOOK_REFERENCE_DUMP set, so each
`Checks.approx` call records the value NumPy or PyTorch computed, then for each weak check of the
chapter:

- when the written numbers are the reference's values exactly (to 1e-12), keeps them and adds an
  explicit absolute tolerance of about 1e-9 of the largest;
- otherwise writes the reference's values to 7 significant digits, trailing zeros kept (a
  tolerance of half the last digit, at most 5e-6 of each value).

The same text replaces the expected string in the reference script, so the script keeps checking
what the chapter states. The numbers come from the reference computations, never from the Swift
code under test; `workbook verify` then shows whether the library agrees.

    python3 references/tighten_weak_checks.py [CHAPTER-SLUG ...]
"""
import json
import math
import os
import re
import subprocess
import sys
import tempfile

from workbook_reference import _implicit_bound, _split_tolerance

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LIMIT = 0.01


NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|nan|inf")


def bounds(value_text, tolerance):
    """(literal, value, bound) for every number written in the value; `tolerance` as
    `_split_tolerance` gives it."""
    kind, amount = tolerance
    result = []
    for literal in NUMBER.findall(value_text):
        if literal in ("nan", "inf"):
            continue
        value = float(literal)
        bound = {"digits": lambda: _implicit_bound(literal), "absolute": lambda: amount, "relative": lambda: amount * abs(value)}[kind]()
        result.append((literal, value, bound))
    return result


def is_weak(value_text, tolerance):
    return any(value != 0 and bound / abs(value) > LIMIT * (1 + 1e-9) for _, value, bound in bounds(value_text, tolerance))


def flatten(value):
    if isinstance(value, list):
        return [x for element in value for x in flatten(element)]
    return [float(value)] if isinstance(value, (int, float)) and not isinstance(value, bool) else []


def seven_digits(number):
    """Seven significant digits, trailing zeros kept: they set the tolerance (`0.5000000`)."""
    if number == 0:
        return "0"
    text = f"{number:#.7g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return f"{mantissa}e{int(exponent)}"
    return text


def rewrite(value_text, tolerance, computed):
    written = [float(x) for x in NUMBER.findall(value_text) if x not in ("nan", "inf")]
    values = flatten(computed)
    if len(values) != len(written) or not written:
        return None
    if all(abs(c - w) <= 1e-12 * max(1.0, abs(w)) for c, w in zip(values, written)):
        largest = max(abs(w) for w in written)
        smallest = min((abs(w) for w in written if w != 0), default=largest)
        bound = 10.0 ** math.floor(math.log10(1e-9 * largest)) if largest > 0 else 1e-12
        bound = min(bound, 10.0 ** math.floor(math.log10(1e-3 * smallest))) if smallest > 0 else bound
        return f"{value_text} ± {bound:.0e}".replace("e-0", "e-")
    numbers = iter(values)

    def substitute(match):
        text = match.group(0)
        if text in ("nan", "inf"):
            return text
        value = next(numbers)
        return text if float(text) == 0 else seven_digits(value)

    return NUMBER.sub(substitute, value_text)


def replacement_position(script, expression, expected):
    """Where the expected string of the `approx` call for `expression` stands in the script:
    the first quoted `expected` after a call that names the expression."""
    for quote in ('"', "'"):
        call = f"approx({quote}{expression}{quote}"
        at = script.find(call)
        while at >= 0:
            literal = f"{quote}{expected}{quote}"
            found = script.find(literal, at + len(call), at + len(call) + 600)
            if found >= 0:
                return found, found + len(literal), quote
            at = script.find(call, at + 1)
    return None


def dump_values(slug):
    with tempfile.NamedTemporaryFile("r", suffix=".jsonl", delete=False) as file:
        path = file.name
    environment = dict(os.environ, WORKBOOK_REFERENCE_DUMP=path)
    outcome = subprocess.run([sys.executable, os.path.join(HERE, f"{slug}.py")], env=environment, capture_output=True, text=True)
    if outcome.returncode != 0:
        sys.exit(f"{slug}.py failed before any change:\n{outcome.stdout[-2000:]}")
    with open(path) as file:
        records = [json.loads(line) for line in file]
    os.unlink(path)
    return records


def tighten(slug):
    chapter_path = os.path.join(ROOT, "chapters", f"{slug}.md")
    script_path = os.path.join(HERE, f"{slug}.py")
    records = dump_values(slug)
    lines = open(chapter_path).read().split("\n")
    script = open(script_path).read()
    changed, left = 0, []
    in_expect = False
    for number, line in enumerate(lines, start=1):
        if line.startswith("```"):
            in_expect = line.strip().startswith("```expect") and not in_expect
            continue
        if not in_expect:
            continue
        comment_match = re.search(r"\s#\s.*$", line)
        code = line[:comment_match.start()] if comment_match else line
        comment = comment_match.group(0) if comment_match else ""
        match = re.match(r"^(\s*)(.*?)\s*(≈|~=)\s*(.*?)\s*$", code)
        if not match:
            continue
        indent, expression, operator, expected = match.groups()
        value_text, tolerance = _split_tolerance(expected)
        if not is_weak(value_text, tolerance):
            continue
        found = [r for r in records if r["expression"].strip() == expression.strip() and r["expected"].strip() == expected.strip()]
        if not found:
            left.append(f"{number}: no reference value recorded for `{expression} ≈ {expected}`")
            continue
        new = rewrite(value_text, tolerance, found[0]["computed"])
        if new is None or new == expected:
            left.append(f"{number}: cannot rewrite `{expression} ≈ {expected}`")
            continue
        position = replacement_position(script, expression.strip(), expected)
        if position is None:
            left.append(f"{number}: no `c.approx` call for `{expression} ≈ {expected}` in the script; left as it is")
            continue
        start, end, quote = position
        script = script[:start] + quote + new + quote + script[end:]
        lines[number - 1] = f"{indent}{expression} {operator} {new}{comment or ''}"
        changed += 1
    open(chapter_path, "w").write("\n".join(lines))
    open(script_path, "w").write(script)
    print(f"{slug}: {changed} checks tightened")
    for problem in left:
        print(f"  left: {problem}")


def main():
    slugs = sys.argv[1:] or sorted(name[:-3] for name in os.listdir(HERE) if re.match(r"\d\d-.*\.py$", name))
    for slug in slugs:
        tighten(slug)


if __name__ == "__main__":
    main()
