import ArgumentParser
import Neural
import NeuralTraining

// `workbook train`'s choices, parsed and listed in its help by ArgumentParser.

extension OptimizerKind: ExpressibleByArgument {}
extension Precision: ExpressibleByArgument {}
extension Parallelism: ExpressibleByArgument {}
extension ModelKind: ExpressibleByArgument {}

/// `--activation`: the trainable activations by their `trainingName` (`relu`, `leaky-relu`,
/// `tanh`, `sigmoid`).
extension Activation: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(trainingName: argument)
    }

    public var defaultValueDescription: String { trainingName }

    public static var allValueStrings: [String] { trainable.map(\.trainingName) }
}
