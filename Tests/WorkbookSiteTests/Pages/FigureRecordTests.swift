import Foundation
import Testing
@testable import WorkbookKit

@Suite struct FigureRecordTests {
    @Test func figureRecordsTravelWithTheirSnippetAndSurviveTheCache() throws {
        var run = ChapterRun()
        let records = """
            {"key":"2a","begin":"snippet","id":0,"stdout":0}
            {"key":"2a","figure":"<svg>a</svg>","snippet":0}
            {"key":"2a","begin":"snippet","id":2,"stdout":0}
            {"key":"2a","figure":"<svg>\\"b\\"</svg>","snippet":2}
            {"key":"2a","end":true,"stdout":0}
            """
        run.read(records: records, standardOutput: Data(), key: 0x2a)
        #expect(run.figures == [Figure(snippetIndex: 0, svg: "<svg>a</svg>"), Figure(snippetIndex: 2, svg: "<svg>\"b\"</svg>")])
        #expect(run.ending == .finished)

        var report = ChapterReport(path: "x.md", chapter: nil, results: [], problems: [], seconds: 0)
        report.figures = run.figures
        let decoded = try JSONDecoder().decode(ChapterReport.self, from: JSONEncoder().encode(report))
        #expect(decoded.figures == run.figures)
    }
}
