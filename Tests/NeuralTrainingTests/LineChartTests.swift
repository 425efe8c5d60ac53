import Testing
@testable import NeuralTraining

@Suite struct LineChartTests {
    @Test(arguments: [
        (0.31, 0.87, 0.2, 0.2, 1.0),
        (1, 20, 5, 0, 20),
        (0.2, 0.2, 0.2, -0.4, 0.8),  // a flat series gets ±0.5 around it
        (-3, 7, 2, -4, 8),
    ] as [(Double, Double, Double, Double, Double)])
    func axesUseNiceSteps(minimum: Double, maximum: Double, step: Double, lower: Double, upper: Double) {
        let axis = ChartAxis(minimum: minimum, maximum: maximum)
        #expect(abs(axis.step - step) < 1e-12)
        #expect(abs(axis.lower - lower) < 1e-12 && abs(axis.upper - upper) < 1e-12)
        #expect(axis.ticks.count == Int(((upper - lower) / step).rounded()) + 1)
    }

    @Test func wholeStepsNeverGoBelowOne() {
        let axis = ChartAxis(minimum: 1, maximum: 3, wholeSteps: true)
        #expect(axis.ticks == [1, 2, 3])
    }

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
        #expect(svg.components(separatedBy: "<polyline points=").count - 1 == 2 * (1 + 2))  // 2 frames + 4 lines
        #expect(svg.contains(">Cross-entropy loss<") && svg.contains(">Accuracy<"))
        #expect(svg.contains(">training<") && svg.contains(">test<"))
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
