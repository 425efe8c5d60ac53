/// An optimizer that updates one parameter tensor from its gradient and reports what it did.
///
/// Each optimizer value keeps the state (velocity, moments, step count) of **one** parameter;
/// use one optimizer per weight matrix and per bias.
public protocol Optimizer: Sendable {
    /// The record of one step: the state and the update, for showing a worked example.
    associatedtype Step: Sendable

    /// Updates `parameter` from `gradient = ∂L/∂parameter` and returns the intermediate values.
    mutating func step(_ parameter: inout Matrix, gradient: Matrix) -> Step
}

extension Optimizer {
    /// Updates a single scalar parameter (a 1 × 1 matrix), as in the sources' worked examples.
    @discardableResult
    public mutating func step(_ parameter: inout Double, gradient: Double) -> Step {
        var matrix = Matrix([[parameter]])
        let record = step(&matrix, gradient: Matrix([[gradient]]))
        parameter = matrix[0, 0]
        return record
    }
}

func checkGradientShape(_ optimizer: String, _ parameter: Matrix, _ gradient: Matrix) {
    precondition(
        parameter.rows == gradient.rows && parameter.columns == gradient.columns,
        Matrix.shapeMismatchMessage("\(optimizer).step (parameter vs gradient)", parameter, gradient))
}

func checkStateShape(_ optimizer: String, _ state: Matrix, _ gradient: Matrix) {
    precondition(
        state.rows == gradient.rows && state.columns == gradient.columns,
        Matrix.shapeMismatchMessage("\(optimizer).step (state vs gradient; one optimizer per parameter)", state, gradient))
}
