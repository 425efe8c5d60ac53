import Charts
import Foundation

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
        let epochs = entries.map { Double($0.epoch) }
        var loss = LineChart(title: "Cross-entropy loss", xLabel: "epoch", yLabel: "loss")
        loss.add("training", x: epochs, y: entries.map(\.training.meanLoss))
        loss.add("test", x: epochs, y: entries.map(\.test.meanLoss))
        var accuracy = LineChart(title: "Accuracy", xLabel: "epoch", yLabel: "accuracy")
        accuracy.add("training", x: epochs, y: entries.map(\.training.accuracy))
        accuracy.add("test", x: epochs, y: entries.map(\.test.accuracy))
        return [loss, accuracy]
    }

    /// Whether `url` may receive the curves: it does not exist yet, or it already holds an SVG
    /// document. Anything else is a user's file, which `--chart` must never replace.
    public static func mayWriteChart(to url: URL) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            return !FileManager.default.fileExists(atPath: url.path)
        }
        defer { try? handle.close() }
        let start = String(decoding: (try? handle.read(upToCount: 256)) ?? Data(), as: UTF8.self)
        return start.hasPrefix("<?xml") || start.hasPrefix("<svg")
    }

    /// Why `url` may not receive the curves, checked before any training: it exists and is not an
    /// SVG document (see `mayWriteChart(to:)`), or no file can be created in its folder. Nil when
    /// it may; the reason is phrased to follow the path.
    public static func chartTargetProblem(_ url: URL) -> String? {
        guard mayWriteChart(to: url) else {
            return "exists and is not an SVG file; it was left alone: choose another file for --chart"
        }
        let probe = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        return FolderProbe.problem(creating: probe)
    }

    /// The two charts side by side as a standalone SVG document.
    public func svg() -> String {
        let charts = self.charts
        let width = charts.reduce(0) { $0 + $1.width }
        let height = charts.map(\.height).max() ?? 0
        var document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        document += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\">\n"
        var offset = 0.0
        for chart in charts {
            document += "<g transform=\"translate(\(Int(offset)),0)\">\n\(chart.svg)\n</g>\n"
            offset += chart.width
        }
        return document + "</svg>\n"
    }
}
