/// The numerical gradient of a scalar function by central differences:
/// `∂f/∂xᵢ ≈ (f(x + ε·eᵢ) − f(x − ε·eᵢ)) / (2ε)`, for every entry `i` (the sources' `numerical_gradient`).
public func numericalGradient(of f: (Matrix) -> Double, at x: Matrix, epsilon: Double = 1e-5) -> Matrix {
    var gradient = Matrix.zeros(rows: x.rows, columns: x.columns)
    var probe = x
    for index in x.elements.indices {
        let original = x.elements[index]
        probe.elements[index] = original + epsilon
        let plus = f(probe)
        probe.elements[index] = original - epsilon
        let minus = f(probe)
        probe.elements[index] = original
        gradient.elements[index] = (plus - minus) / (2 * epsilon)
    }
    return gradient
}

/// The numerical derivative of a scalar function of one variable: `(f(x + ε) − f(x − ε)) / (2ε)`.
public func numericalDerivative(of f: (Double) -> Double, at x: Double, epsilon: Double = 1e-5) -> Double {
    (f(x + epsilon) - f(x - epsilon)) / (2 * epsilon)
}

/// The relative error of two numbers, `|a − n| / max(|a|, |n|)` (0 when both are 0), as the
/// sources compare an analytic gradient `a` with a numerical one `n`.
public func relativeError(_ analytic: Double, _ numerical: Double) -> Double {
    let scale = max(abs(analytic), abs(numerical))
    return scale == 0 ? 0 : abs(analytic - numerical) / scale
}

/// The relative error of two gradients as whole tensors, `‖a − n‖ / max(‖a‖, ‖n‖)` (Frobenius
/// norms), which does not blow up on individual entries that are almost zero.
public func relativeError(_ analytic: Matrix, _ numerical: Matrix) -> Double {
    precondition(
        analytic.rows == numerical.rows && analytic.columns == numerical.columns,
        Matrix.shapeMismatchMessage("relativeError", analytic, numerical))
    let scale = max(analytic.frobeniusNorm, numerical.frobeniusNorm)
    return scale == 0 ? 0 : (analytic - numerical).frobeniusNorm / scale
}

/// The outcome of comparing an analytic gradient with central differences.
public struct GradientCheck: Sendable, Equatable {
    /// The gradient computed by backpropagation.
    public var analytic: Matrix
    /// The gradient computed by central differences.
    public var numerical: Matrix
    /// `relativeError(analytic, numerical)`.
    public var relativeError: Double

    /// Compares `analytic` with the central-difference gradient of `f` at `x`.
    public init(of f: (Matrix) -> Double, at x: Matrix, analytic: Matrix, epsilon: Double = 1e-5) {
        self.analytic = analytic
        numerical = numericalGradient(of: f, at: x, epsilon: epsilon)
        relativeError = Neural.relativeError(analytic, numerical)
    }

    /// Whether the relative error is below `tolerance` (1e-6 by default, for `Double`).
    public func passes(tolerance: Double = 1e-6) -> Bool {
        relativeError < tolerance
    }
}
