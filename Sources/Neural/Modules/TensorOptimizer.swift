/// Steps a collection of parameter tensors with one of the book's update rules, as a PyTorch
/// optimizer steps `model.parameters()`: `zeroGrad()`, `loss.backward()`, `step()`.
///
/// Each parameter gets its own copy of `rule` (its own velocity or moments), exactly as the
/// chapters use one optimizer per weight matrix, so the arithmetic is the rule's own `step`: the
/// same code for matrices and tensors.
public final class TensorOptimizer<Rule: Optimizer> {
    /// The parameters, in order.
    public let parameters: [Tensor]
    /// One rule, with its state, per parameter.
    public private(set) var rules: [Rule]

    /// An optimizer of `parameters` with `rule`'s settings.
    public init(_ parameters: [Tensor], rule: Rule) {
        self.parameters = parameters
        rules = Array(repeating: rule, count: parameters.count)
    }

    /// Forgets every parameter's gradient, as `optimizer.zero_grad()`.
    public func zeroGrad() {
        parameters.forEach { $0.zeroGrad() }
    }

    /// Updates every parameter that has a gradient by its rule.
    public func step() {
        for (index, parameter) in parameters.enumerated() {
            guard let gradient = parameter.grad else { continue }
            let (rows, columns) = Self.matrixShape(parameter.shape)
            var value = Matrix(rows: rows, columns: columns, elements: parameter.elements)
            _ = rules[index].step(&value, gradient: Matrix(rows: rows, columns: columns, elements: gradient.elements))
            parameter.elements = value.elements
        }
    }

    /// Changes the learning rate of every rule (for a schedule).
    public func setLearningRate(_ rate: Double) where Rule: LearningRateAdjustable {
        for index in rules.indices { rules[index].learningRate = rate }
    }

    /// A tensor's elements seen as a matrix: `[r, c]` as is, anything else as one row.
    static func matrixShape(_ shape: [Int]) -> (Int, Int) {
        shape.count == 2 ? (shape[0], shape[1]) : (1, shape.reduce(1, *))
    }
}

/// An update rule whose learning rate can be changed between steps.
public protocol LearningRateAdjustable {
    /// The learning rate `η`.
    var learningRate: Double { get set }
}

extension SGD: LearningRateAdjustable {}
extension ClassicalMomentumSGD: LearningRateAdjustable {}
extension AveragedMomentumSGD: LearningRateAdjustable {}
extension RMSProp: LearningRateAdjustable {}
extension Adam: LearningRateAdjustable {}
extension AdamW: LearningRateAdjustable {}
