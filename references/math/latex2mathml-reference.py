#!/usr/bin/env python3
"""An independent reference for the structure of the site's MathML (issue 17, "the math").

Prints what latex2mathml (a separate TeX-to-MathML converter, `pip install latex2mathml`) makes of
the formulas that Tests/WorkbookSiteTests/Math/MathRendererTests.swift checks, so that the
expected MathML in those tests can be compared with a second opinion, formula by formula:

    python3 references/math/latex2mathml-reference.py            # the formulas below
    python3 references/math/latex2mathml-reference.py '\\binom{n}{k}'  # any others

It is a reference for the structure (which elements nest in which), not for every attribute:
latex2mathml writes MathML 3 (mathvariant, rowlines, menclose, signed mpadded widths), where the
site writes MathML Core, which browsers lay out natively; the tests' comments say where the two
differ on purpose. It does not add U+2061 FUNCTION APPLICATION after function names, which
pandoc's texmath does and the site follows.
"""
import sys

from latex2mathml.converter import convert

FORMULAS = {
    "1 underbrace, overbrace": [r"\underbrace{a+b}_{n}", r"\overbrace{a+b}^{n}"],
    "2 function names": [r"\log \hat y", r"\tfrac12 \ln 2", r"\max(0, z)", r"\operatorname{sgn} x"],
    "3 primes": [r"x'", r"f''", r"x'^2", r"x_i'"],
    "4 boldsymbol": [r"\boldsymbol{\alpha x}", r"\boldsymbol{\Gamma}"],
    "5 overline": [r"\overline{xy}"],
    "6 textbf, textit": [r"\textbf{ab}", r"\textit{ab}"],
    "7 math in text": [r"\text{if $x$ is}"],
    "8 displaystyle, limits": [r"\displaystyle\sum_{i}^{n} x", r"\sum\limits_i x"],
    "9 sign after dots": [r"a + \cdots + b"],
    "10 commands": [
        r"\binom{n}{k}", r"a \not= b", r"\not\in", r"\operatorname*{argmax}_x f", r"\substack{a\\b}",
        r"x \tag{1}", r"\phantom{x}", r"\xrightarrow{f}", r"\xrightarrow[g]{f}", r"\boxed{x}",
        r"a \pmod{n}", r"\left( a \middle| b \right)", r"a \lesssim b",
        r"\begin{array}{c} a \\ \hline b \end{array}",
        r"\begin{smallmatrix} a & b \\ c & d \end{smallmatrix}", r"{\rm d}x", r"\argmax_x f",
    ],
}


def show(tex):
    try:
        mathml = convert(tex)
    except Exception as error:  # latex2mathml rejects some of them; say so and go on
        mathml = f"error: {type(error).__name__}: {error}"
    mathml = mathml.replace('<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">', "")
    print(f"{tex}\n    {mathml.replace('</math>', '')}")


def main(arguments):
    if arguments:
        for tex in arguments:
            show(tex)
        return
    for item, formulas in FORMULAS.items():
        print(f"== {item}")
        for tex in formulas:
            show(tex)


if __name__ == "__main__":
    main(sys.argv[1:])
