import Foundation

/// The largest runs the engine accepts, and the checks of each setting against them. Every count a
/// run derives from its settings (parameters, workspace scalars, epochs) is computed with checked
/// arithmetic and capped, so that a hostile or mistyped setting is an error naming the setting,
/// not an overflow trap or a terabyte allocation.
public enum TrainingLimits {
    /// The most layer widths a network (and a weights file) may have, input and output included.
    public static let maximumLayerCount = 64
    /// The widest layer: 2²⁰ units.
    public static let maximumLayerWidth = 1 << 20
    /// The most parameters a network (and a weights file) may have: 2³¹.
    public static let maximumParameterCount = 1 << 31
    /// The largest batch: 65 536 examples.
    public static let maximumBatchSize = 1 << 16
    /// The most scalars a pass's workspace (activations and error signals) may hold: 2³¹.
    public static let maximumWorkspaceScalars = 1 << 31
    /// The most threads on any machine.
    public static let maximumThreads = 256
    /// The most threads per available core: more only makes the team's spin barrier wait.
    public static let threadsPerCore = 4
    /// The most epochs a weights file counts (its counter is a `UInt32`).
    public static let maximumEpochCount = Int(UInt32.max)
    /// Rows per evaluation batch (`TrainingSession.evaluate`) of an MLP.
    static let evaluationBatchSize = 1000
    /// Images per evaluation batch of the CNN.
    static let convolutionalEvaluationBatchSize = 250

    /// The most threads a run may use with `cores` available cores: `threadsPerCore` per core, at
    /// most `maximumThreads`.
    public static func maximumThreads(cores: Int = ProcessInfo.processInfo.activeProcessorCount) -> Int {
        min(maximumThreads, threadsPerCore * max(1, cores))
    }

    /// `Σ (nₗ + 1)·nₗ₊₁` for `layerSizes`, or nil when it overflows `Int` or a width is negative.
    public static func parameterCount(layerSizes: [Int]) -> Int? {
        var total = 0
        for (inputs, outputs) in zip(layerSizes, layerSizes.dropFirst()) {
            guard inputs >= 0, outputs >= 0 else { return nil }
            let (fanIn, overflow1) = inputs.addingReportingOverflow(1)
            let (layer, overflow2) = fanIn.multipliedReportingOverflow(by: outputs)
            let (sum, overflow3) = total.addingReportingOverflow(layer)
            guard !overflow1, !overflow2, !overflow3 else { return nil }
            total = sum
        }
        return total
    }

    /// The scalars of the larger of the training workspace (`batchSize` rows of every layer's
    /// activations plus the hidden layers' error signals) and the evaluation workspace
    /// (`evaluationBatchSize` rows of activations), or nil on overflow.
    public static func workspaceScalars(batchSize: Int, layerSizes: [Int]) -> Int? {
        guard batchSize >= 0, layerSizes.allSatisfy({ $0 >= 0 }) else { return nil }
        var widths = 0
        for width in layerSizes + layerSizes.dropFirst().dropLast() {
            let (sum, overflow) = widths.addingReportingOverflow(width)
            guard !overflow else { return nil }
            widths = sum
        }
        let (training, overflow1) = batchSize.multipliedReportingOverflow(by: widths)
        let activations = layerSizes.reduce(0) { $0 + $1 }  // ≤ widths, which did not overflow
        let (evaluation, overflow2) = evaluationBatchSize.multipliedReportingOverflow(by: activations)
        guard !overflow1, !overflow2 else { return nil }
        return max(training, evaluation)
    }

    /// The scalars of the CNN's larger workspace: `batchSize` images of training buffers
    /// (`ConvolutionalLayout.trainingScalarsPerImage`, 9 658) or `convolutionalEvaluationBatchSize`
    /// images of evaluation buffers; nil on overflow. (Each thread's `ConvolutionalScratch` adds a
    /// fixed few megabytes.)
    public static func convolutionalWorkspaceScalars(batchSize: Int) -> Int? {
        guard batchSize >= 0 else { return nil }
        let (training, overflow) = batchSize.multipliedReportingOverflow(by: ConvolutionalLayout.trainingScalarsPerImage)
        guard !overflow else { return nil }
        return max(training, convolutionalEvaluationBatchSize * ConvolutionalLayout.evaluationScalarsPerImage)
    }

    /// The learning rate must be finite and positive.
    public static func checkLearningRate(_ rate: Double) throws(TrainingSettingError) {
        guard rate.isFinite, rate > 0 else { throw TrainingSettingError(.learningRate, "must be a finite positive number, got \(rate)") }
    }

    /// The momentum must be finite, in `[0, 1)`.
    public static func checkMomentum(_ momentum: Double) throws(TrainingSettingError) {
        guard momentum.isFinite, momentum >= 0, momentum < 1 else {
            throw TrainingSettingError(.momentum, "must be a finite number in [0, 1), got \(momentum)")
        }
    }

    /// The weight decay must be finite, 0 or more.
    public static func checkWeightDecay(_ decay: Double) throws(TrainingSettingError) {
        guard decay.isFinite, decay >= 0 else { throw TrainingSettingError(.weightDecay, "must be a finite number, 0 or more, got \(decay)") }
    }

    /// The dropout probability must be finite, in `[0, 1)`.
    public static func checkDropout(_ p: Double) throws(TrainingSettingError) {
        guard p.isFinite, p >= 0, p < 1 else { throw TrainingSettingError(.dropout, "must be a finite number in [0, 1), got \(p)") }
    }

    /// The batch size must be in `1...maximumBatchSize`.
    public static func checkBatchSize(_ size: Int) throws(TrainingSettingError) {
        guard (1...maximumBatchSize).contains(size) else {
            throw TrainingSettingError(.batchSize, "must be between 1 and \(maximumBatchSize), got \(size)")
        }
    }

    /// The workspace of `batchSize` rows of a `layerSizes` network must hold at most
    /// `maximumWorkspaceScalars` scalars (see `workspaceScalars`).
    public static func checkWorkspace(batchSize: Int, layerSizes: [Int]) throws(TrainingSettingError) {
        let scalars = workspaceScalars(batchSize: batchSize, layerSizes: layerSizes)
        guard let scalars, scalars <= maximumWorkspaceScalars else {
            let needs = scalars.map { "needs \($0) scalars of workspace" } ?? "needs more scalars of workspace than an Int counts"
            throw TrainingSettingError(
                .batchSize,
                "\(batchSize) with layers \(layerSizes) \(needs), more than the \(maximumWorkspaceScalars) allowed; use a smaller batch or narrower layers")
        }
    }

    /// The CNN's workspace for `batchSize` images must hold at most `maximumWorkspaceScalars`
    /// scalars (see `convolutionalWorkspaceScalars`): batches up to 222 352 images, beyond
    /// `maximumBatchSize`, so this guards the arithmetic only.
    public static func checkConvolutionalWorkspace(batchSize: Int) throws(TrainingSettingError) {
        let scalars = convolutionalWorkspaceScalars(batchSize: batchSize)
        guard let scalars, scalars <= maximumWorkspaceScalars else {
            let needs = scalars.map { "needs \($0) scalars of workspace" } ?? "needs more scalars of workspace than an Int counts"
            throw TrainingSettingError(
                .batchSize, "\(batchSize) with the CNN \(needs), more than the \(maximumWorkspaceScalars) allowed; use a smaller batch")
        }
    }

    /// The thread count must be in `1...maximumThreads(cores:)`.
    public static func checkThreads(_ threads: Int, cores: Int = ProcessInfo.processInfo.activeProcessorCount) throws(TrainingSettingError) {
        let most = maximumThreads(cores: cores)
        guard (1...most).contains(threads) else {
            throw TrainingSettingError(
                .threads, "must be between 1 and \(most) (\(threadsPerCore) per core, \(max(1, cores)) cores, at most \(maximumThreads)), got \(threads)")
        }
    }

    /// `epochs` more epochs after `completed` (counted in `source`, e.g. a loaded file) must keep
    /// the count within `0...maximumEpochCount`.
    public static func checkEpochs(_ epochs: Int, after completed: Int = 0, countedIn source: String? = nil) throws(TrainingSettingError) {
        guard (0...maximumEpochCount).contains(epochs) else {
            throw TrainingSettingError(.epochs, "must be between 0 and \(maximumEpochCount), got \(epochs)")
        }
        let (total, overflow) = completed.addingReportingOverflow(epochs)
        guard !overflow, total <= maximumEpochCount else {
            let origin = source.map { " (\($0) holds \(completed) epochs)" } ?? ""
            throw TrainingSettingError(
                .epochs, "\(epochs) would take the epoch count from \(completed)\(origin) past \(maximumEpochCount), the most a weights file counts")
        }
    }

    /// The example limit must be positive.
    public static func checkLimit(_ limit: Int) throws(TrainingSettingError) {
        guard limit > 0 else { throw TrainingSettingError(.limit, "must be positive, got \(limit)") }
    }

    /// Two to `maximumLayerCount` widths, each in `1...maximumLayerWidth`, with at most
    /// `maximumParameterCount` parameters in all.
    public static func checkLayers(_ sizes: [Int]) throws(TrainingSettingError) {
        guard sizes.count >= 2 else { throw TrainingSettingError(.layers, "must be at least two widths, got \(sizes)") }
        guard sizes.count <= maximumLayerCount else {
            throw TrainingSettingError(.layers, "must be at most \(maximumLayerCount) widths, got \(sizes.count)")
        }
        if let width = sizes.first(where: { !(1...maximumLayerWidth).contains($0) }) {
            throw TrainingSettingError(.layers, "\(sizes) has a width of \(width), outside 1...\(maximumLayerWidth)")
        }
        guard let count = parameterCount(layerSizes: sizes), count <= maximumParameterCount else {
            let has = parameterCount(layerSizes: sizes).map { "has \($0) parameters" } ?? "has more parameters than an Int counts"
            throw TrainingSettingError(.layers, "\(sizes) \(has), more than the \(maximumParameterCount) allowed")
        }
    }
}
