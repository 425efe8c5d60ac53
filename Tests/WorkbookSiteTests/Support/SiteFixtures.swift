import Foundation
@testable import WorkbookKit
@testable import WorkbookSite

/// Small chapters and reports for building sites in tests, without compiling anything.
enum SiteFixtures {
    static let intro = """
        # Getting started

        Some prose with $`\\frac{a}{b}`$ and a [link to the perceptron](02-perceptron.md#the-rule).

        ```math
        \\hat{y} = \\sum_i w_i x_i
        ```

        ```swift hidden
        let secret = 41
        ```

        ```swift
        let answer = secret + 1
        print("answer:", answer)
        ```

        ```output
        answer: 42
        ```

        ```expect
        answer == 42          # the answer
        Double(answer) ≈ 42.0
        ```

        > Erratum: an earlier version said 41.

        <!-- workbook: measured -->

        A full run took 5.43 s.
        """

    static let perceptron = """
        # The perceptron

        ## The rule

        | Form | Meaning |
        | --- | :-: |
        | `a` | $`x^2`$ |

        ## Exercise: Double it {#double-it}

        Double the answer.

        > Hint: multiply by two.

        ```swift starter
        let doubled = 0
        ```

        ```swift solution
        let doubled = 84
        ```

        ```expect
        doubled == 84
        ```
        """

    /// A site chapter whose every check passed, with a figure after snippet `figureAfter`.
    static func chapter(_ text: String, path: String, failing: Bool = false, figureAfter: Int? = nil) throws -> SiteChapter {
        let chapter = try ChapterParser().parse(text, path: path)
        var results = ChapterEvaluator.unevaluated(chapter, reason: "")
        for index in results.indices {
            let fails = failing && results[index].expression == "answer"
            results[index].status = fails ? .failed : .passed
            results[index].detail = fails ? "expected 42, computed 41" : nil
            results[index].computed = results[index].expression == "output" ? "answer: 42\n" : "42.0"
        }
        var report = ChapterReport(path: path, chapter: chapter, results: results, problems: [], seconds: 0)
        if let figureAfter {
            report.figures = [Figure(snippetIndex: figureAfter, svg: "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>Fig</title></svg>")]
        }
        return SiteChapter(chapter: chapter, text: text, report: report)
    }

    static func book(failing: Bool = false) throws -> [SiteChapter] {
        [
            try chapter(intro, path: "chapters/01-intro.md", failing: failing, figureAfter: 1),
            try chapter(perceptron, path: "chapters/02-perceptron.md"),
        ]
    }

    static func text(_ site: SiteFiles, _ path: String) -> String {
        String(decoding: site.files[path] ?? Data(), as: UTF8.self)
    }

    /// A new empty folder under the temporary directory.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-site-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
