/// Which side of the threshold the value `z = 0` falls on, for the step function.
///
/// The two conventions differ only for `z` exactly 0, which matters when a decision boundary
/// passes through a training point.
public enum StepConvention: Sendable, Equatable {
    /// `step(z) = 1` if `z > 0`, else 0. The usual perceptron convention.
    case strictlyPositive
    /// `step(z) = 1` if `z ≥ 0`, else 0.
    case nonNegative
}
