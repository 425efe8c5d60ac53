/// The per-epoch figures of a run, and their loss and accuracy charts.
public struct TrainingHistory: Sendable {
    /// One epoch's figures.
    public struct Entry: Sendable, Equatable {
        /// The epoch number (counting resumed epochs).
        public let epoch: Int
        /// Mean loss and accuracy over the epoch's batches.
        public let training: BatchTally
        /// Loss and accuracy on the test set after the epoch.
        public let test: BatchTally
    }

    /// The epochs recorded, in order.
    public private(set) var entries: [Entry] = []

    /// An empty history.
    public init() {}

    /// True before the first epoch is recorded.
    public var isEmpty: Bool { entries.isEmpty }

    /// Appends an epoch.
    public mutating func record(epoch: Int, training: BatchTally, test: BatchTally) {
        entries.append(Entry(epoch: epoch, training: training, test: test))
    }

    /// Two charts: training and test loss by epoch, training and test accuracy by epoch.
    public var charts: [LineChart] {
        func series(_ name: String, _ color: Int, _ value: (Entry) -> Double) -> ChartSeries {
            ChartSeries(name: name, points: entries.map { (Double($0.epoch), value($0)) }, color: LineChart.palette[color])
        }
        return [
            LineChart(title: "Cross-entropy loss", xLabel: "epoch", yLabel: "loss", series: [
                series("training", 0, { $0.training.meanLoss }), series("test", 1, { $0.test.meanLoss }),
            ]),
            LineChart(title: "Accuracy", xLabel: "epoch", yLabel: "accuracy", series: [
                series("training", 0, { $0.training.accuracy }), series("test", 1, { $0.test.accuracy }),
            ]),
        ]
    }

    /// The two charts side by side as an SVG document.
    public func svg() -> String { LineChart.svgDocument(charts) }
}
