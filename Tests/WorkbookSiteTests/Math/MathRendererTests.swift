import Testing
import WorkbookKit
@testable import WorkbookSite

@Suite struct MathRendererTests {
    private let here = SourceLocation(file: "chapters/x.md", line: 10)

    /// The body of the `<math>` element, without the wrapper and the annotation.
    private func body(_ tex: String, display: Bool = false) throws -> String {
        let html = try MathRenderer.mathML(tex: tex, display: display, location: here)
        let start = html.range(of: "<semantics><mrow>")!.upperBound
        let end = html.range(of: "</mrow><annotation")!.lowerBound
        return String(html[start..<end])
    }

    @Test(arguments: [
        ("x", "<mi>x</mi>"),
        ("12.5", "<mn>12.5</mn>"),
        ("a - b", "<mrow><mi>a</mi><mo>−</mo><mi>b</mi></mrow>"),
        ("\\frac{1}{n}", "<mfrac><mn>1</mn><mi>n</mi></mfrac>"),
        ("w_i", "<msub><mi>w</mi><mi>i</mi></msub>"),
        ("x^{2}", "<msup><mi>x</mi><mn>2</mn></msup>"),
        ("x_i^2", "<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup>"),
        ("x_{12}", "<msub><mi>x</mi><mn>12</mn></msub>"),
        ("x_12", "<mrow><msub><mi>x</mi><mn>1</mn></msub><mn>2</mn></mrow>"),
        ("\\eta \\Delta", "<mrow><mi>η</mi><mi>Δ</mi></mrow>"),
        ("\\sqrt{z}", "<msqrt><mi>z</mi></msqrt>"),
        ("\\sqrt[3]{z}", "<mroot><mi>z</mi><mn>3</mn></mroot>"),
        ("\\sqrt[n_1]{z}", "<mroot><mi>z</mi><msub><mi>n</mi><mn>1</mn></msub></mroot>"),
        ("\\hat{y}", "<mover accent=\"true\"><mi>y</mi><mo stretchy=\"false\">^</mo></mover>"),
        ("\\bar{x}", "<mover accent=\"true\"><mi>x</mi><mo stretchy=\"false\">¯</mo></mover>"),
        ("\\text{if } z", "<mrow><mtext>if\u{A0}</mtext><mi>z</mi></mrow>"),
        ("a \\cdot b", "<mrow><mi>a</mi><mo>⋅</mo><mi>b</mi></mrow>"),
        ("a \\odot b", "<mrow><mi>a</mi><mo>⊙</mo><mi>b</mi></mrow>"),
        ("\\partial L", "<mrow><mi>∂</mi><mi>L</mi></mrow>"),
        ("\\nabla f", "<mrow><mi>∇</mi><mi>f</mi></mrow>"),
        ("\\sum_i x_i", "<mrow><msub><mo>∑</mo><mi>i</mi></msub><msub><mi>x</mi><mi>i</mi></msub></mrow>"),
        ("\\max(0, z)", "<mrow><mi>max</mi><mo>&#x2061;</mo><mo stretchy=\"false\">(</mo><mn>0</mn><mo>,</mo><mi>z</mi><mo stretchy=\"false\">)</mo></mrow>"),
        ("\\mathbf{x}", "<mi>𝐱</mi>"),
        ("\\mathbb{R}^n", "<msup><mi>ℝ</mi><mi>n</mi></msup>"),
        ("\\mathrm{d}x", "<mrow><mi mathvariant=\"normal\">d</mi><mi>x</mi></mrow>"),
        ("f'(x)", "<mrow><msup><mi>f</mi><mo>′</mo></msup><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo></mrow>"),
        ("a \\leftarrow b", "<mrow><mi>a</mi><mo>←</mo><mi>b</mi></mrow>"),
        ("a \\, b", "<mrow><mi>a</mi><mspace width=\"0.1667em\"/><mi>b</mi></mrow>"),
        ("\\left( x \\right)", "<mrow><mo fence=\"true\" stretchy=\"true\">(</mo><mi>x</mi><mo fence=\"true\" stretchy=\"true\">)</mo></mrow>"),
        ("\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}",
         "<mrow><mo fence=\"true\" stretchy=\"true\">[</mo><mtable><mtr><mtd><mn>1</mn></mtd><mtd><mn>2</mn></mtd></mtr><mtr><mtd><mn>3</mn></mtd><mtd><mn>4</mn></mtd></mtr></mtable><mo fence=\"true\" stretchy=\"true\">]</mo></mrow>"),
        ("x < y", "<mrow><mi>x</mi><mo>&lt;</mo><mi>y</mi></mrow>"),
        ("(-0.4)", "<mrow><mo stretchy=\"false\">(</mo><mo form=\"prefix\">−</mo><mn>0.4</mn><mo stretchy=\"false\">)</mo></mrow>"),
        ("b = -1", "<mrow><mi>b</mi><mo>=</mo><mo form=\"prefix\">−</mo><mn>1</mn></mrow>"),
        ("(a) - 1", "<mrow><mo stretchy=\"false\">(</mo><mi>a</mi><mo stretchy=\"false\">)</mo><mo>−</mo><mn>1</mn></mrow>"),
    ])
    func inlineTeXBecomesMathML(tex: String, expected: String) throws {
        #expect(try body(tex) == expected)
    }

    /// Issue 17, item 1: the label of `\underbrace` goes under the brace and that of `\overbrace`
    /// above it, inline as in display math (TeX makes them operators with `\limits`): munder of
    /// munder and mover of mover, as latex2mathml has them (`references/math/latex2mathml-reference.py`).
    @Test(arguments: [
        ("\\underbrace{a+b}_{n}", false,
         "<munder><munder accentunder=\"true\"><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mo>⏟</mo></munder><mi>n</mi></munder>"),
        ("\\underbrace{a+b}_{n}", true,
         "<munder><munder accentunder=\"true\"><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mo>⏟</mo></munder><mi>n</mi></munder>"),
        ("\\overbrace{a+b}^{n}", false,
         "<mover><mover accent=\"true\"><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mo stretchy=\"true\">⏞</mo></mover><mi>n</mi></mover>"),
        ("\\overbrace{x}", false, "<mover accent=\"true\"><mi>x</mi><mo stretchy=\"true\">⏞</mo></mover>"),
        ("\\underline{x}_i", false, "<msub><munder accentunder=\"true\"><mi>x</mi><mo>_</mo></munder><mi>i</mi></msub>"),
    ])
    func braceLabelsGoUnderAndOver(tex: String, display: Bool, expected: String) throws {
        #expect(try body(tex, display: display) == expected)
    }

    /// Issue 17, item 2: a function name with an argument is followed by U+2061 FUNCTION
    /// APPLICATION, as texmath writes it (latex2mathml leaves it out), with TeX's thin space
    /// between name and argument, none before an opening delimiter, and one before the name
    /// after ordinary material: "log ŷ", "½ ln 2", not "logŷ", "½ln2".
    @Test(arguments: [
        ("\\log \\hat y", "<mrow><mi>log</mi><mo rspace=\"0.1667em\">&#x2061;</mo><mover accent=\"true\"><mi>y</mi><mo stretchy=\"false\">^</mo></mover></mrow>"),
        ("\\tfrac12 \\ln 2", "<mrow><mstyle displaystyle=\"false\"><mfrac><mn>1</mn><mn>2</mn></mfrac></mstyle><mspace width=\"0.1667em\"/><mi>ln</mi><mo rspace=\"0.1667em\">&#x2061;</mo><mn>2</mn></mrow>"),
        ("\\exp(x)", "<mrow><mi>exp</mi><mo>&#x2061;</mo><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo></mrow>"),
        ("\\sin^2 x", "<mrow><msup><mi>sin</mi><mn>2</mn></msup><mo rspace=\"0.1667em\">&#x2061;</mo><mi>x</mi></mrow>"),
        ("\\operatorname{sgn} x", "<mrow><mi>sgn</mi><mo rspace=\"0.1667em\">&#x2061;</mo><mi>x</mi></mrow>"),
        ("\\sin -x", "<mrow><mi>sin</mi><mo rspace=\"0.1667em\">&#x2061;</mo><mo form=\"prefix\">−</mo><mi>x</mi></mrow>"),
        ("a = \\min", "<mrow><mi>a</mi><mo>=</mo><mi>min</mi></mrow>"),
        ("\\max = 1", "<mrow><mi>max</mi><mo>=</mo><mn>1</mn></mrow>"),
    ])
    func functionNamesApplyToTheirArgument(tex: String, expected: String) throws {
        #expect(try body(tex) == expected)
    }

    /// Issue 17, item 3: primes are the prime characters (U+2032, and the composed ″ and ‴ rather
    /// than repeated ′; never an apostrophe) as the superscript, before an explicit one, as texmath
    /// and latex2mathml have them (`references/math/latex2mathml-reference.py`).
    @Test(arguments: [
        ("x'", "<msup><mi>x</mi><mo>′</mo></msup>"),
        ("f''", "<msup><mi>f</mi><mo>″</mo></msup>"),
        ("f'''", "<msup><mi>f</mi><mo>‴</mo></msup>"),
        ("x'^2", "<msup><mi>x</mi><mrow><mo>′</mo><mn>2</mn></mrow></msup>"),
        ("x_i'", "<msubsup><mi>x</mi><mi>i</mi><mo>′</mo></msubsup>"),
        ("\\sigma'(z)", "<mrow><msup><mi>σ</mi><mo>′</mo></msup><mo stretchy=\"false\">(</mo><mi>z</mi><mo stretchy=\"false\">)</mo></mrow>"),
        ("\\text{ReLU}'", "<msup><mtext>ReLU</mtext><mo>′</mo></msup>"),
        ("x^{'}", "<msup><mi>x</mi><mo>′</mo></msup>"),
    ])
    func primesAreSuperscriptPrimes(tex: String, expected: String) throws {
        #expect(try body(tex) == expected)
    }

    /// Issue 17, item 4: `\boldsymbol` boldens Greek letters with Unicode's bold italic Greek (the
    /// way the renderer sets every font: MathML Core ignores `mathvariant="bold-italic"`, which
    /// latex2mathml writes instead). Capitals are bold upright, as TeX draws them, and `\mathbf`
    /// boldens only the capitals, as in TeX.
    @Test(arguments: [
        ("\\boldsymbol{\\alpha x}", "<mrow><mi>𝜶</mi><mi>𝒙</mi></mrow>"),
        ("\\boldsymbol{\\theta}", "<mi>𝜽</mi>"),
        ("\\boldsymbol{\\varepsilon}", "<mi>𝜺</mi>"),
        ("\\boldsymbol{\\phi}", "<mi>𝝓</mi>"),
        ("\\boldsymbol{\\Gamma}", "<mi>𝚪</mi>"),
        ("\\boldsymbol{\\nabla}", "<mi>𝛁</mi>"),
        ("\\boldsymbol{\\omega}_1", "<msub><mi>𝝎</mi><mn>1</mn></msub>"),
        ("\\mathbf{\\Sigma x}", "<mrow><mi>𝚺</mi><mi>𝐱</mi></mrow>"),
        ("\\mathbf{\\sigma}", "<mi>σ</mi>"),
    ])
    func boldsymbolBoldensGreek(tex: String, expected: String) throws {
        #expect(try body(tex) == expected)
    }

    /// Issue 17, item 5: `\overline` is a bar stretched over the whole base: U+2015 HORIZONTAL
    /// BAR, latex2mathml's (and MathJax's) character, since headless Chromium with Latin Modern
    /// Math stretches it over "xyz" but draws texmath's U+203E and U+00AF only as wide as one
    /// letter. `\bar` keeps its short bar, as in TeX.
    @Test(arguments: [
        ("\\overline{xy}", "<mover accent=\"true\"><mrow><mi>x</mi><mi>y</mi></mrow><mo stretchy=\"true\">―</mo></mover>"),
        ("\\overline{x}_i", "<msub><mover accent=\"true\"><mi>x</mi><mo stretchy=\"true\">―</mo></mover><mi>i</mi></msub>"),
        ("\\bar{x}", "<mover accent=\"true\"><mi>x</mi><mo stretchy=\"false\">¯</mo></mover>"),
    ])
    func overlineSpansItsBase(tex: String, expected: String) throws {
        #expect(try body(tex) == expected)
    }

    /// Issue 17, item 6: `\textbf` and `\textit` keep their style. latex2mathml and texmath write
    /// `<mtext mathvariant="bold">`, but MathML Core drops `mathvariant` on everything but `<mi>`
    /// (browsers following it show plain text), so the style is CSS on the `<mtext>`.
    @Test(arguments: [
        ("\\textbf{ab}", "<mtext style=\"font-weight: bold\">ab</mtext>"),
        ("\\textit{ab}", "<mtext style=\"font-style: italic\">ab</mtext>"),
        ("\\textbf{if } x", "<mrow><mtext style=\"font-weight: bold\">if\u{A0}</mtext><mi>x</mi></mrow>"),
        ("\\textrm{ab}", "<mtext>ab</mtext>"),
    ])
    func textKeepsItsStyle(tex: String, expected: String) throws {
        #expect(try body(tex) == expected)
    }

    /// Issue 17, item 7: math between `$`s inside `\text` is math, not dollars: mtext and math
    /// parts in a row, as texmath has it (latex2mathml keeps the dollars, the defect), in text
    /// style inside display math, as in TeX.
    @Test(arguments: [
        ("\\text{if $x$ is}", false, "<mrow><mtext>if\u{A0}</mtext><mi>x</mi><mtext>\u{A0}is</mtext></mrow>"),
        ("\\text{if $x > 0$}", false, "<mrow><mtext>if\u{A0}</mtext><mrow><mi>x</mi><mo>&gt;</mo><mn>0</mn></mrow></mrow>"),
        ("\\text{for all $\\sum_i x$}", true,
         "<mrow><mtext>for all\u{A0}</mtext><mstyle displaystyle=\"false\"><mrow><msub><mo>∑</mo><mi>i</mi></msub><mi>x</mi></mrow></mstyle></mrow>"),
        ("\\textbf{when $n$ grows}", false,
         "<mrow><mtext style=\"font-weight: bold\">when\u{A0}</mtext><mi>n</mi><mtext style=\"font-weight: bold\">\u{A0}grows</mtext></mrow>"),
        ("\\text{costs \\$5}", false, "<mtext>costs $5</mtext>"),
    ])
    func mathInsideTextIsMath(tex: String, display: Bool, expected: String) throws {
        #expect(try body(tex, display: display) == expected)
    }

    /// Issue 17, item 9: TeX sets `\cdots` as ordinary material, so a sign after it is binary, as
    /// latex2mathml has it (`references/math/latex2mathml-reference.py`); before the fix it was `form="prefix"`.
    @Test(arguments: [
        ("a + \\cdots + b", "<mrow><mi>a</mi><mo>+</mo><mo>⋯</mo><mo form=\"infix\">+</mo><mi>b</mi></mrow>"),
        ("x_1 - \\ldots - x_n", "<mrow><msub><mi>x</mi><mn>1</mn></msub><mo>−</mo><mo>…</mo><mo form=\"infix\">−</mo><msub><mi>x</mi><mi>n</mi></msub></mrow>"),
        ("a = -b", "<mrow><mi>a</mi><mo>=</mo><mo form=\"prefix\">−</mo><mi>b</mi></mrow>"),
    ])
    func aSignAfterDotsIsBinary(tex: String, expected: String) throws {
        #expect(try body(tex) == expected)
    }

    @Test func bigOperatorsTakeLimitsInDisplayMath() throws {
        #expect(try body("\\sum_{i=1}^{n} x", display: true)
            == "<mrow><munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover><mi>x</mi></mrow>")
        #expect(try body("\\max_{k} a", display: true) == "<mrow><munder><mi>max</mi><mi>k</mi></munder><mo rspace=\"0.1667em\">&#x2061;</mo><mi>a</mi></mrow>")
    }

    /// Issue 17, item 8: `\displaystyle` and `\limits` put the limits above and below inline too:
    /// munderover inside a display-style mstyle, or with `movablelimits="false"`, which MathML Core
    /// would otherwise let the browser move beside ∑ outside display style (latex2mathml gives the
    /// same munder for `\limits`, `references/math/latex2mathml-reference.py`). Scripts, fractions
    /// and matrices are in text style, as in TeX, so their operators keep limits beside.
    @Test(arguments: [
        ("\\displaystyle\\sum_{i}^{n} x", false,
         "<mstyle displaystyle=\"true\"><mrow><munderover><mo>∑</mo><mi>i</mi><mi>n</mi></munderover><mi>x</mi></mrow></mstyle>"),
        ("\\sum\\limits_i x", false, "<mrow><munder><mo movablelimits=\"false\">∑</mo><mi>i</mi></munder><mi>x</mi></mrow>"),
        ("\\int\\limits_0^1 f", false, "<mrow><munderover><mo movablelimits=\"false\">∫</mo><mn>0</mn><mn>1</mn></munderover><mi>f</mi></mrow>"),
        ("{\\displaystyle \\sum_i x} + \\sum_i y", false,
         "<mrow><mstyle displaystyle=\"true\"><mrow><munder><mo>∑</mo><mi>i</mi></munder><mi>x</mi></mrow></mstyle><mo>+</mo><msub><mo>∑</mo><mi>i</mi></msub><mi>y</mi></mrow>"),
        ("\\sum\\nolimits_i x", true, "<mrow><msub><mo>∑</mo><mi>i</mi></msub><mi>x</mi></mrow>"),
        ("\\textstyle \\sum_i x", true, "<mstyle displaystyle=\"false\"><mrow><msub><mo>∑</mo><mi>i</mi></msub><mi>x</mi></mrow></mstyle>"),
        ("\\frac{\\sum_i x}{n}", true, "<mfrac><mrow><msub><mo>∑</mo><mi>i</mi></msub><mi>x</mi></mrow><mi>n</mi></mfrac>"),
        ("\\begin{aligned} b &= \\sum_i x \\end{aligned}", true,
         "<mrow><mtable><mtr><mtd style=\"text-align: right\"><mstyle displaystyle=\"true\"><mi>b</mi></mstyle></mtd><mtd style=\"text-align: left\"><mstyle displaystyle=\"true\"><mrow><mo>=</mo><munder><mo>∑</mo><mi>i</mi></munder><mi>x</mi></mrow></mstyle></mtd></mtr></mtable></mrow>"),
    ])
    func displayStyleAndLimitsAreHonoured(tex: String, display: Bool, expected: String) throws {
        #expect(try body(tex, display: display) == expected)
    }

    /// Issue 17, item 10: commands that were rejected, each with its MathML. The structure is
    /// latex2mathml's (`references/math/latex2mathml-reference.py`) but in MathML Core, which has no
    /// `menclose`, `rowlines`, signed `mpadded` widths or labelled rows: `\boxed` is a CSS border
    /// (TeX's \fbox rule and gap), `\hline` cell borders, `\xrightarrow`'s padding spaces (10mu
    /// and 5mu, as in amsmath), and `\tag` follows the formula after a \qquad. `\pmod` and
    /// `\middle` space as amsmath and e-TeX do; `\argmax`, which LaTeX leaves to the author, is
    /// the usual `\DeclareMathOperator*{\argmax}{arg\,max}`.
    @Test(arguments: [
        ("\\binom{n}{k}", false,
         "<mrow><mo fence=\"true\" stretchy=\"true\">(</mo><mfrac linethickness=\"0\"><mi>n</mi><mi>k</mi></mfrac><mo fence=\"true\" stretchy=\"true\">)</mo></mrow>"),
        ("a \\not= b", false, "<mrow><mi>a</mi><mo>≠</mo><mi>b</mi></mrow>"),
        ("x \\not\\in A", false, "<mrow><mi>x</mi><mo>∉</mo><mi>A</mi></mrow>"),
        ("a \\not\\lesssim b", false, "<mrow><mi>a</mi><mo>≴</mo><mi>b</mi></mrow>"),
        ("\\not x", false, "<mi>x\u{338}</mi>"),
        ("\\operatorname*{argmax}_x f", true,
         "<mrow><munder><mi>argmax</mi><mi>x</mi></munder><mo rspace=\"0.1667em\">&#x2061;</mo><mi>f</mi></mrow>"),
        ("\\operatorname*{argmax}_x f", false,
         "<mrow><msub><mi>argmax</mi><mi>x</mi></msub><mo rspace=\"0.1667em\">&#x2061;</mo><mi>f</mi></mrow>"),
        ("\\overbrace{a}^{n}", false, "<mover><mover accent=\"true\"><mi>a</mi><mo stretchy=\"true\">⏞</mo></mover><mi>n</mi></mover>"),
        ("\\sum_{\\substack{i<n\\\\j<m}} x", true,
         "<mrow><munder><mo>∑</mo><mrow><mtable><mtr><mtd><mrow><mi>i</mi><mo>&lt;</mo><mi>n</mi></mrow></mtd></mtr><mtr><mtd><mrow><mi>j</mi><mo>&lt;</mo><mi>m</mi></mrow></mtd></mtr></mtable></mrow></munder><mi>x</mi></mrow>"),
        ("x = 1 \\tag{1}", true, "<mrow><mi>x</mi><mo>=</mo><mn>1</mn><mspace width=\"2em\"/><mtext>(1)</mtext></mrow>"),
        ("x = 1 \\tag*{A}", true, "<mrow><mi>x</mi><mo>=</mo><mn>1</mn><mspace width=\"2em\"/><mtext>A</mtext></mrow>"),
        ("\\phantom{x} + y", false, "<mrow><mphantom><mi>x</mi></mphantom><mo>+</mo><mi>y</mi></mrow>"),
        ("\\xrightarrow{f}", false,
         "<mover><mo stretchy=\"true\">→</mo><mrow><mspace width=\"0.5556em\"/><mi>f</mi><mspace width=\"0.2778em\"/></mrow></mover>"),
        ("\\xrightarrow[g]{f}", false,
         "<munderover><mo stretchy=\"true\">→</mo><mrow><mspace width=\"0.5556em\"/><mi>g</mi><mspace width=\"0.2778em\"/></mrow><mrow><mspace width=\"0.5556em\"/><mi>f</mi><mspace width=\"0.2778em\"/></mrow></munderover>"),
        ("\\xleftarrow[x_1]{}", false,
         "<munderover><mo stretchy=\"true\">←</mo><mrow><mspace width=\"0.5556em\"/><msub><mi>x</mi><mn>1</mn></msub><mspace width=\"0.2778em\"/></mrow><mrow><mspace width=\"0.5556em\"/><mrow></mrow><mspace width=\"0.2778em\"/></mrow></munderover>"),
        ("\\boxed{x = 1}", true, "<mrow style=\"border: 0.05em solid; padding: 0.3em\"><mrow><mi>x</mi><mo>=</mo><mn>1</mn></mrow></mrow>"),
        ("\\boxed{x}", false, "<mrow style=\"border: 0.05em solid; padding: 0.3em\"><mstyle displaystyle=\"true\"><mi>x</mi></mstyle></mrow>"),
        ("a \\pmod{n}", false,
         "<mrow><mi>a</mi><mrow><mspace width=\"0.4444em\"/><mo stretchy=\"false\">(</mo><mi>mod</mi><mspace width=\"0.3333em\"/><mi>n</mi><mo stretchy=\"false\">)</mo></mrow></mrow>"),
        ("a \\pmod{n}", true,
         "<mrow><mi>a</mi><mrow><mspace width=\"1em\"/><mo stretchy=\"false\">(</mo><mi>mod</mi><mspace width=\"0.3333em\"/><mi>n</mi><mo stretchy=\"false\">)</mo></mrow></mrow>"),
        ("\\left( a \\middle| b \\right)", false,
         "<mrow><mo fence=\"true\" stretchy=\"true\">(</mo><mi>a</mi><mo fence=\"true\" stretchy=\"true\" lspace=\"0\" rspace=\"0\">|</mo><mi>b</mi><mo fence=\"true\" stretchy=\"true\">)</mo></mrow>"),
        ("a \\lesssim b", false, "<mrow><mi>a</mi><mo>≲</mo><mi>b</mi></mrow>"),
        ("\\begin{array}{c} a \\\\ \\hline b \\end{array}", false,
         "<mrow><mtable><mtr><mtd><mi>a</mi></mtd></mtr><mtr><mtd style=\"border-top: 0.05em solid\"><mi>b</mi></mtd></mtr></mtable></mrow>"),
        ("\\begin{array}{lr} \\hline a & b \\\\ \\hline \\end{array}", false,
         "<mrow><mtable><mtr><mtd style=\"text-align: left; border-top: 0.05em solid; border-bottom: 0.05em solid\"><mi>a</mi></mtd><mtd style=\"text-align: right; border-top: 0.05em solid; border-bottom: 0.05em solid\"><mi>b</mi></mtd></mtr></mtable></mrow>"),
        ("\\begin{smallmatrix} a & b \\\\ c & d \\end{smallmatrix}", false,
         "<mstyle displaystyle=\"false\" scriptlevel=\"1\"><mrow><mtable><mtr><mtd><mi>a</mi></mtd><mtd><mi>b</mi></mtd></mtr><mtr><mtd><mi>c</mi></mtd><mtd><mi>d</mi></mtd></mtr></mtable></mrow></mstyle>"),
        ("{\\rm d}x", false, "<mrow><mi mathvariant=\"normal\">d</mi><mi>x</mi></mrow>"),
        ("{\\bf x} + {\\cal L}", false, "<mrow><mi>𝐱</mi><mo>+</mo><mi>ℒ</mi></mrow>"),
        ("\\argmax_x f", true, "<mrow><munder><mi>arg\u{2009}max</mi><mi>x</mi></munder><mo rspace=\"0.1667em\">&#x2061;</mo><mi>f</mi></mrow>"),
        ("\\argmin_x f", false, "<mrow><msub><mi>arg\u{2009}min</mi><mi>x</mi></msub><mo rspace=\"0.1667em\">&#x2061;</mo><mi>f</mi></mrow>"),
    ])
    func commandsOnceRejectedAreRendered(tex: String, display: Bool, expected: String) throws {
        #expect(try body(tex, display: display) == expected)
    }

    @Test func casesAlignColumnsLeft() throws {
        let html = try body("\\begin{cases} 1 & \\text{if } z > 0 \\\\ 0 & \\text{otherwise} \\end{cases}")
        #expect(html.hasPrefix("<mrow><mo fence=\"true\" stretchy=\"true\">{</mo><mtable><mtr><mtd style=\"text-align: left\"><mn>1</mn></mtd>"))
        #expect(html.contains("<mtext>otherwise</mtext>"))
        #expect(html.hasSuffix("</mtable></mrow>"))
    }

    @Test func wrapsInMathWithTheTeXAsAnnotation() throws {
        let html = try MathRenderer.mathML(tex: " a < b ", display: true, location: here)
        #expect(html.hasPrefix("<math display=\"block\"><semantics><mrow>"))
        #expect(html.hasSuffix("<annotation encoding=\"application/x-tex\">a &lt; b</annotation></semantics></math>"))
    }

    @Test(arguments: [
        ("\\foo x", 10, "unknown TeX command `\\foo`"),
        ("a +\n\\frac{1}{2} \\bogus", 11, "unknown TeX command `\\bogus`"),
        ("\\begin{weird} x \\end{weird}", 10, "unknown TeX environment `weird`"),
        ("{x", 10, "this `{` is never closed"),
        ("x}", 10, "unexpected `}` here"),
        ("a & b", 10, "unexpected `&` here"),
        ("\\left( x", 10, "this `\\left` has no matching `\\right`"),
        ("x^1^2", 10, "double superscript: group them in braces"),
        ("\\text{\\alpha}", 10, "unsupported command `\\a…` inside `\\text`"),
        ("a\n\\text{if $\\foo$}", 11, "unknown TeX command `\\foo`"),
        ("\\text{if $x}", 10, "this `$` inside `\\text` is never closed"),
        ("a \\middle| b", 10, "`\\middle` without a `\\left` before it"),
        ("x \\tag{1}", 10, "`\\tag` is only allowed in display math"),
        ("a \\hline b", 10, "`\\hline` belongs at the start of a row of an array or a matrix"),
        ("a \\not", 10, "`\\not` needs a relation or a symbol after it"),
        ("\\xrightarrow[g{f}", 10, "the `[` of `\\xrightarrow[` is never closed"),
        ("x^2'", 10, "double superscript: a prime after a superscript (write `x'^{2}`)"),
    ])
    func badTeXIsAnErrorAtItsLine(tex: String, line: Int, message: String) {
        #expect {
            _ = try MathRenderer.mathML(tex: tex, display: false, location: here)
        } throws: { error in
            guard let error = error as? WorkbookError else { return false }
            return error.location == SourceLocation(file: "chapters/x.md", line: line) && error.message == "math: \(message)"
        }
    }
}
