/// A training setting outside what `TrainingLimits` accepts: which setting, and what is wrong with
/// it, phrased to follow the setting's name (`workbook train` puts its flag there instead).
public struct TrainingSettingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The settings of a run that `TrainingLimits` checks.
    public enum Setting: String, Sendable, CaseIterable {
        /// The learning rate `η`.
        case learningRate = "learning rate"
        /// The momentum `μ`.
        case momentum
        /// AdamW's weight decay `λ`.
        case weightDecay = "weight decay"
        /// Examples per batch (and the workspace they need).
        case batchSize = "batch size"
        /// Threads to train on.
        case threads
        /// Epochs to train.
        case epochs
        /// How many training examples to use.
        case limit
        /// The layer widths.
        case layers
        /// The dropout probability.
        case dropout = "dropout probability"
        /// The hidden activation.
        case activation
    }

    /// The setting at fault.
    public var setting: Setting
    /// What is wrong, e.g. `must be a finite positive number, got nan`.
    public var problem: String

    /// An error saying that `setting` `problem`.
    public init(_ setting: Setting, _ problem: String) {
        self.setting = setting
        self.problem = problem
    }

    /// `the <setting> <problem>`.
    public var description: String { "the \(setting.rawValue) \(problem)" }
}
