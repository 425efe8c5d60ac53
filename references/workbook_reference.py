"""What every reference script shares: `Checks`, which prints each of a chapter's expect lines next
to the value recomputed independently and applies the chapter's tolerance rules, and
`SeededGenerator`, the workbook's seeded generator re-implemented from its specification, so that a
chapter's random numbers can be reproduced exactly. Imported by references/NN-slug.py."""
import gzip
import json
import math
import os
import re
import struct
import sys

import numpy as np

# ---------------------------------------------------------------------------------------------
# Checking helpers.
#
# Each check prints the chapter's expect line next to the value recomputed here. `approx` takes
# the expected value as the text written in the chapter ("0.300", "[0.5, -0.45]", "0.3 ± 1e-12",
# "1.5254e7 ± 1%") and applies the chapter's rule: without an explicit ±, the tolerance is half a
# unit in the last digit written. The script exits with status 1 if any value disagrees.
# ---------------------------------------------------------------------------------------------
import math
import re
import sys

_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


class Checks:
    def __init__(self, chapter):
        self.chapter = chapter
        self.passed = 0
        self.failures = []
        self.notes = 0
        print(f"Independent reference values for chapters/{chapter}.md")

    def section(self, title):
        print(f"\n## {title}")

    def approx(self, expression, computed, expected):
        """`expression ≈ expected`, expected as written in the chapter."""
        value_text, tolerance = _split_tolerance(expected)
        problem = _compare(_parse_value(value_text), _nested(computed), tolerance, "")
        self._record(f"{expression} ≈ {expected}", computed, problem)
        dump = os.environ.get("WORKBOOK_REFERENCE_DUMP")
        if dump:
            # tighten_weak_checks.py reads these: the reference's own value for each ≈ check.
            with open(dump, "a") as file:
                file.write(json.dumps({"chapter": self.chapter, "expression": expression, "expected": expected,
                                       "computed": _nested(computed)}) + "\n")

    def equal(self, expression, computed, expected, shown=None):
        """`expression == expected`, compared exactly; `shown` is an optional value to print."""
        computed_value = _nested(computed)
        problem = None if computed_value == _nested(expected) else f"expected exactly {_show(expected)}"
        self._record(f"{expression} == {_show(expected)}", computed if shown is None else shown, problem)

    def within(self, expression, computed, low, high):
        """`expression in low...high`."""
        value = float(computed)
        problem = None if low <= value <= high else f"outside {low}...{high}"
        self._record(f"{expression} in {low}...{high}", computed, problem)

    def within_runs(self, expression, values, low, high):
        """`expression in low...high` for every one of several runs: the lowest and the highest must hold."""
        self.within(f"{expression} (lowest of {len(values)} runs)", min(values), low, high)
        self.within(f"{expression} (highest of {len(values)} runs)", max(values), low, high)

    def note(self, expression, reason):
        """An expect line with no independent counterpart (it compares two of the library's own code paths)."""
        print(f"  --       {expression}\n             not recomputed: {reason}")
        self.notes += 1

    def finish(self):
        skipped = f" ({self.notes} expect lines not recomputed, see above)" if self.notes else ""
        print(f"\n{self.chapter}: {self.passed} passed, {len(self.failures)} failed{skipped}")
        for line in self.failures:
            print("  MISMATCH", line)
        sys.exit(1 if self.failures else 0)

    def _record(self, line, computed, problem):
        status = "ok      " if problem is None else "MISMATCH"
        print(f"  {status} {line}\n             computed: {_show(computed)}")
        if problem is None:
            self.passed += 1
        else:
            print(f"             {problem}")
            self.failures.append(f"{line}  (computed {_show(computed)}; {problem})")


def _split_tolerance(text):
    for marker in ("±", "+-"):
        if marker in text:
            value, bound = text.split(marker)
            bound = bound.strip()
            if bound.endswith("%"):
                return value.strip(), ("relative", float(bound[:-1]) / 100)
            return value.strip(), ("absolute", float(bound))
    return text.strip(), ("digits", None)


def _parse_value(text):
    """A number, nan, inf, or nested [..] lists of them, keeping each number's literal text."""
    tokens = re.findall(r"\[|\]|,|-?inf|nan|" + _NUMBER.pattern, text)

    def parse(position):
        token = tokens[position]
        if token == "[":
            items, position = [], position + 1
            while tokens[position] != "]":
                item, position = parse(position)
                items.append(item)
                if tokens[position] == ",":
                    position += 1
            return items, position + 1
        return token, position + 1

    value, end = parse(0)
    assert end == len(tokens), f"cannot parse expected value {text!r}"
    return value


def _implicit_bound(literal):
    mantissa, _, exponent = literal.lower().partition("e")
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    return 0.5 * 10.0 ** (int(exponent or 0) - decimals)


def _compare(expected, computed, tolerance, path):
    if isinstance(expected, list):
        if not isinstance(computed, list) or len(computed) != len(expected):
            return f"shape differs at [{path}]: expected {len(expected)} entries"
        for index, (e, c) in enumerate(zip(expected, computed)):
            problem = _compare(e, c, tolerance, f"{path}{',' if path else ''}{index}")
            if problem:
                return problem
        return None
    value = float(expected)
    if isinstance(computed, list):
        return f"expected a number at [{path}], computed a list"
    if math.isnan(value):
        return None if math.isnan(computed) else f"expected nan at [{path}]"
    if math.isinf(value):
        return None if computed == value else f"expected {expected} at [{path}]"
    kind, amount = tolerance
    bound = {"digits": lambda: _implicit_bound(expected), "absolute": lambda: amount,
             "relative": lambda: amount * abs(value)}[kind]()
    slack = 4 * max(math.ulp(value), math.ulp(bound))  # absorbs the binary rounding of the bound
    if abs(computed - value) <= bound + slack:
        return None
    return f"at [{path}] expected {expected} ± {bound:g}, difference {computed - value:.3g}"


def _nested(value):
    """Numbers, booleans, strings and (nested) lists, from NumPy arrays, tensors or lists."""
    if hasattr(value, "detach"):
        value = value.detach().cpu().numpy()
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [_nested(v) for v in value]
    if isinstance(value, (bool, str)) or value is None:
        return value
    if isinstance(value, int):
        return value
    return float(value)


def _show(value):
    value = _nested(value)
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, float):
        return f"{value:.10g}"
    return str(value)


# ---------------------------------------------------------------------------------------------
# The workbook's seeded generator, re-implemented from its specification in pure Python integers
# so that every random number of the chapter can be reproduced exactly:
#   SplitMix64 (state += 0x9E3779B97F4A7C15, then the two xor-shift-multiply rounds),
#   a uniform in [0, 1) from the top 53 bits times 2^-53,
#   normals by Box–Muller with u1 = 1 − uniform, u2 = uniform: r·cos(2πu2) is returned and
#   r·sin(2πu2) is cached as the next call's value,
#   integers below n as next() mod n, and a Fisher–Yates shuffle swapping i with next() mod (i+1)
#   for i from n − 1 down to 1. Matrices are filled row by row.
# ---------------------------------------------------------------------------------------------
_MASK64 = (1 << 64) - 1


class SeededGenerator:
    def __init__(self, seed):
        self.state = seed & _MASK64
        self.spare = None

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & _MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
        return z ^ (z >> 31)

    def uniform(self, low=0.0, high=1.0):
        return low + (high - low) * ((self.next() >> 11) * 2.0 ** -53)

    def gaussian(self, mean=0.0, standard_deviation=1.0):
        if self.spare is not None:
            spare, self.spare = self.spare, None
            return mean + standard_deviation * spare
        u1 = 1 - self.uniform()
        u2 = self.uniform()
        radius = math.sqrt(-2 * math.log(u1))
        self.spare = radius * math.sin(2 * math.pi * u2)
        return mean + standard_deviation * radius * math.cos(2 * math.pi * u2)

    def integer_below(self, bound):
        return self.next() % bound

    def permutation(self, count):
        order = list(range(count))
        for i in range(count - 1, 0, -1):
            j = self.integer_below(i + 1)
            order[i], order[j] = order[j], order[i]
        return order

    def gaussian_matrix(self, rows, columns, standard_deviation=1.0):
        return np.array([[self.gaussian(0.0, standard_deviation) for _ in range(columns)] for _ in range(rows)])

    def uniform_matrix(self, rows, columns, low, high):
        return np.array([[self.uniform(low, high) for _ in range(columns)] for _ in range(rows)])


def check_splitmix64_reference(checks):
    """SplitMix64's published first outputs for seed 0 (Vigna's splitmix64.c, Java's SplittableRandom)."""
    generator = SeededGenerator(0)
    outputs = [generator.next() for _ in range(3)]
    checks.equal("SplitMix64(seed 0) first outputs (published test vector)",
                 [hex(v) for v in outputs], ["0xe220a8397b1dcdaf", "0x6e789e6aa1b965f4", "0x6c45d188009454f"])


# Fashion-MNIST, read from Debian's dataset-fashion-mnist (or $NEURAL_DATASET_DIR).
def dataset_folder():
    candidates = [os.environ.get("NEURAL_DATASET_DIR"), "/usr/share/datasets/fashion-mnist",
                  "/usr/share/dataset-fashion-mnist"]
    for folder in filter(None, candidates):
        if os.path.exists(os.path.join(folder, "train-labels-idx1-ubyte.gz")):
            return folder
    raise SystemExit("Fashion-MNIST not found: apt-get install dataset-fashion-mnist, or set NEURAL_DATASET_DIR")


def read_idx(path):
    """An IDX file (big-endian header: two zero bytes, type 0x08 = unsigned byte, rank, then the sizes)."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    zero, kind, rank = struct.unpack(">HBB", data[:4])
    assert zero == 0 and kind == 0x08, f"{path}: not an unsigned-byte IDX file"
    shape = struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(shape)
