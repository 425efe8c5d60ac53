import Foundation
import Testing
import Neural
@testable import NeuralTraining

@Suite struct TrainingOutputTests {
    @Test func historyDrawsLossAndAccuracyWithLegends() {
        var history = TrainingHistory()
        var tally = BatchTally()
        tally.lossSum = 50; tally.correct = 80; tally.examples = 100
        history.record(epoch: 1, training: tally, test: tally)
        tally.lossSum = 30; tally.correct = 90
        history.record(epoch: 2, training: tally, test: tally)
        let svg = history.svg()
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.hasSuffix("</svg>\n"))
        #expect(svg.components(separatedBy: "<svg xmlns=").count - 1 == 3)  // the document and its two charts
        #expect(svg.contains(">Cross-entropy loss<") && svg.contains(">Accuracy<"))
        #expect(svg.contains(">training<") && svg.contains(">test<"))
    }

    @Test func chartsReplaceOnlySVGFiles() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fresh = folder.appendingPathComponent("curves.svg")
        #expect(TrainingHistory.mayWriteChart(to: fresh))
        try Data(TrainingHistory().svg().utf8).write(to: fresh)
        #expect(TrainingHistory.mayWriteChart(to: fresh))
        let notes = folder.appendingPathComponent("notes.svg")
        try Data("my notes".utf8).write(to: notes)
        #expect(!TrainingHistory.mayWriteChart(to: notes))
    }

    @Test(arguments: [(nil, "-:--"), (5.4, "0:05"), (75, "1:15"), (3725, "1:02:05")] as [(Double?, String)])
    func progressTimesReadAsClockTimes(seconds: Double?, text: String) {
        #expect(ProgressBar.clockTime(seconds) == text)
    }

    @Test(arguments: [(0, "0"), (999, "999"), (1000, "1,000"), (71234, "71,234"), (1234567, "1,234,567")])
    func ratesAreGroupedByThousands(value: Int, text: String) {
        #expect(ProgressBar.grouped(value) == text)
    }
}
