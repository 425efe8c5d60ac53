import Foundation
import Testing
@testable import WorkbookKit

@Suite struct FigureRecordTests {
    @Test func figureRecordsTravelWithTheirSnippetAndSurviveTheCache() throws {
        var run = ChapterRun()
        let records = """
            {"begin":"snippet","id":0,"stdout":0}
            {"figure":"<svg>a</svg>","snippet":0}
            {"begin":"snippet","id":2,"stdout":0}
            {"figure":"<svg>\\"b\\"</svg>","snippet":2}
            {"end":true,"stdout":0}
            """
        run.read(records: records, standardOutput: Data())
        #expect(run.figures == [Figure(snippetIndex: 0, svg: "<svg>a</svg>"), Figure(snippetIndex: 2, svg: "<svg>\"b\"</svg>")])
        #expect(run.ending == .finished)

        var report = ChapterReport(path: "x.md", chapter: nil, results: [], problems: [], seconds: 0)
        report.figures = run.figures
        let decoded = try JSONDecoder().decode(ChapterReport.self, from: JSONEncoder().encode(report))
        #expect(decoded.figures == run.figures)
    }
}
