#!/usr/bin/env python3
"""Independent reference values for chapters/00-reading-this-book.md, by hand in plain Python.

    python3 references/00-reading-this-book.py
"""
from workbook_reference import Checks


def main():
    c = Checks("00-reading-this-book")

    c.section("What a check looks like")
    sample, weights, bias = [1.0, 0.5], [0.6, -0.4], -0.1
    total = sum(x * w for x, w in zip(sample, weights)) + bias
    c.approx("sampleSum", total, "0.3 ± 1e-12")
    c.equal("sampleFires", total > 0, True)
    biases = [-1.0 + 0.1 * i for i in range(21)]
    sums = [0.6 * 1.0 - 0.4 * 0.5 + b for b in biases]
    c.approx("sums.first!", sums[0], "-0.6 ± 1e-12")
    c.approx("sums.last!", sums[-1], "1.4 ± 1e-12")
    c.approx("firingBias", next(b for b, z in zip(biases, sums) if z > 1e-12), "-0.3 ± 1e-12")

    c.section("Exercise: A neuron of your own")
    # 0.6 − 0.2 = 0.4 from the inputs; a bias of 0.1 makes 0.5.
    c.approx("ownSum", sum(x * w for x, w in zip(sample, weights)) + 0.1, "0.5 ± 1e-12")
    c.finish()


if __name__ == "__main__":
    main()
