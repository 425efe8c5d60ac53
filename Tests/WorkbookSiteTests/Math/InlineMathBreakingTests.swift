import Testing
import WorkbookKit
@testable import WorkbookSite

/// A long inline formula is set as a run of `<math>` elements that the line can break between,
/// after relations and binary operators at its own level, as TeX breaks inline math.
@Suite struct InlineMathBreakingTests {
    static func render(_ tex: String, display: Bool = false) throws -> String {
        try MathRenderer.mathML(tex: tex, display: display, location: SourceLocation(file: "chapters/01-t.md", line: 1))
    }

    static func pieces(_ html: String) -> Int { html.components(separatedBy: "<math").count - 1 }

    /// Pieces counted by hand: a break after each relation, binary operator or comma whose piece
    /// and whose rest have two characters or more; formulas under 16 characters stay whole.
    @Test(arguments: [
        ("x = 1", 1),
        ("a + b + c + d + e + f + g + h", 1),                                  // 15 characters
        ("a + b + c + d + e + f + g + h + i", 8),                              // a+ | b+ | … | g+ | h+i
        ("z = 0.5 \\cdot 0.657010 - 0.3 \\cdot 0.5", 5),                     // z= | 0.5· | 0.657010− | 0.3· | 0.5
        ("\\frac{a + b + c + d + e + f + g}{h + i + j}", 1),                  // nothing breaks inside a fraction
        ("x_{a + b + c + d + e + f + g + h + i}", 1),                          // nor inside a script
        ("x = {a + b + c + d + e + f + g + h}", 2),                            // nor inside a group: x= | {…}
        ("L = [-0.1025, -0.1299, -0.0156, -0.2345]", 5),                       // L= | [−0.1025, | … | −0.2345]
    ])
    func breaksWhereTeXWould(tex: String, pieces: Int) throws {
        let html = try Self.render(tex)
        #expect(Self.pieces(html) == pieces, "\(html)")
        #expect(html.components(separatedBy: "<annotation").count - 1 == 1)    // the whole TeX, once
        #expect(html.contains(">\(HTML.escape(tex))</annotation>"))
    }

    @Test func anOperatorThatEndsAPieceKeepsItsSpacing() throws {
        let html = try Self.render("y = 2.5 - 1 + 0.5 + 0 - 1 + 0")
        #expect(html.hasPrefix("<math><semantics><mrow><mrow><mi>y</mi><mo form=\"infix\">=</mo></mrow></mrow><annotation"), "\(html)")
        #expect(Self.pieces(html) == 6)                                        // y= | 2.5− | 1+ | 0.5+ | 0− | 1+0
    }

    @Test func aSignIsNeverABreak() throws {
        let html = try Self.render("a = -b - c - d - e - f - g - h")
        #expect(Self.pieces(html) == 7, "\(html)")                            // a= | −b− | c− | d− | e− | f− | g−h
        #expect(!html.contains("<mo form=\"prefix\">−</mo></mrow></mrow></math>"))
    }

    @Test func aPieceWithAMatrixScrollsInItsOwnBox() throws {
        let html = try Self.render("\\partial L/\\partial W_2 \\approx \\begin{bmatrix} 0 & 0.986 & 0.643 \\\\ 0 & -0.986 & -0.643 \\end{bmatrix}")
        #expect(Self.pieces(html) == 2)
        #expect(html.contains("<span class=\"math-inline-box scroll-box\" tabindex=\"0\" role=\"group\" aria-label=\"Formula\"><math><mrow>"))
    }

    @Test func displayMathIsNeverSplit() throws {
        #expect(Self.pieces(try Self.render("a + b + c + d + e + f + g + h + i + j + k", display: true)) == 1)
    }
}
