import Foundation

/// A one-line terminal progress bar for training: epoch, a bar, batches done, samples per second
/// and time left, redrawn in place at most ten times a second. Off a terminal it draws nothing,
/// and callers print their plain per-epoch lines only.
public final class ProgressBar {
    /// Whether standard output is a terminal (`isatty(1)`).
    public static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    private let epochs: Int
    private let batchesPerEpoch: Int
    private let batchSize: Int
    private let enabled: Bool
    private let clock = ContinuousClock()
    private var epochStart: ContinuousClock.Instant
    private var lastDraw: ContinuousClock.Instant
    private var epoch = 1
    private var drawn = false
    /// Seconds one batch took on average in the finished epochs (for the total time left).
    private var secondsPerBatch: Double?

    /// A bar for `epochs` epochs of `batchesPerEpoch` batches of `batchSize`; `enabled` is usually
    /// `standardOutputIsTerminal`.
    public init(epochs: Int, batchesPerEpoch: Int, batchSize: Int, enabled: Bool = ProgressBar.standardOutputIsTerminal) {
        self.epochs = epochs
        self.batchesPerEpoch = batchesPerEpoch
        self.batchSize = batchSize
        self.enabled = enabled
        epochStart = clock.now
        lastDraw = clock.now
    }

    /// Marks the start of epoch `number` (1-based).
    public func startEpoch(_ number: Int) {
        epoch = number
        epochStart = clock.now
        lastDraw = epochStart
        update(batchesDone: 0, force: true)
    }

    /// Redraws after `batchesDone` batches of the current epoch (throttled unless `force`).
    public func update(batchesDone: Int, force: Bool = false) {
        guard enabled else { return }
        let now = clock.now
        guard force || now - lastDraw >= .milliseconds(100) else { return }
        lastDraw = now
        let elapsed = (now - epochStart).seconds
        let rate = batchesDone > 0 && elapsed > 0 ? Double(batchesDone) / elapsed : secondsPerBatch.map { 1 / $0 } ?? 0
        let epochLeft = rate > 0 ? Double(batchesPerEpoch - batchesDone) / rate : nil
        let laterEpochs = Double((epochs - epoch) * batchesPerEpoch)
        let totalLeft = rate > 0 ? (epochLeft ?? 0) + laterEpochs / rate : nil
        let width = 24
        let filled = batchesPerEpoch == 0 ? width : width * batchesDone / batchesPerEpoch
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let samples = rate * Double(batchSize)
        let line = "epoch \(epoch)/\(epochs) \(bar) \(batchesDone)/\(batchesPerEpoch) batches"
            + "  \(Self.grouped(Int(samples))) samples/s"
            + "  \(Self.clockTime(epochLeft)) left in epoch, \(Self.clockTime(totalLeft)) in all"
        FileHandle.standardOutput.write(Data(("\r" + line + "\u{1B}[K").utf8))
        drawn = true
    }

    /// Erases the bar so that a plain line can be printed in its place; remembers the epoch's pace.
    public func finishEpoch(batchesDone: Int) {
        let elapsed = (clock.now - epochStart).seconds
        if batchesDone > 0 { secondsPerBatch = elapsed / Double(batchesDone) }
        clear()
    }

    /// Erases the bar.
    public func clear() {
        guard enabled, drawn else { return }
        FileHandle.standardOutput.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }

    /// `m:ss` or `h:mm:ss`, `-:--` when unknown.
    static func clockTime(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "-:--" }
        let total = Int(seconds.rounded())
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        let mm = h > 0 ? String(m).leftPadded(to: 2) : String(m)
        return (h > 0 ? "\(h):" : "") + "\(mm):" + String(s).leftPadded(to: 2)
    }

    /// `71234` as `71,234`.
    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
