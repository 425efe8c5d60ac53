/// The squared error of one prediction: `L = (y − ŷ)²`, the loss of the scalar chain-rule example.
public func squaredError(predicted: Double, target: Double) -> Double {
    (target - predicted) * (target - predicted)
}

/// The derivative of the squared error with respect to the prediction: `∂L/∂ŷ = 2(ŷ − y)`.
public func squaredErrorDerivative(predicted: Double, target: Double) -> Double {
    2 * (predicted - target)
}

/// Mean squared error, **averaged over every element** (PyTorch `MSELoss()`, NumPy
/// `np.mean((ŷ − y)**2)`): `L = (1/n) Σ (yᵢ − ŷᵢ)²`, `n` = rows × columns.
public func meanSquaredError(predicted: Matrix, target: Matrix) -> Double {
    checkSameShape("meanSquaredError", predicted, target)
    return (predicted - target).map { $0 * $0 }.mean()
}

/// The gradient of `meanSquaredError` with respect to the predictions: `∂L/∂ŷ = 2(ŷ − y) / n`,
/// `n` = rows × columns.
public func meanSquaredErrorGradient(predicted: Matrix, target: Matrix) -> Matrix {
    checkSameShape("meanSquaredErrorGradient", predicted, target)
    return (predicted - target) * (2 / Double(predicted.count))
}

/// Mean absolute error, **averaged over every element** (PyTorch `L1Loss()`):
/// `L = (1/n) Σ |yᵢ − ŷᵢ|`.
public func meanAbsoluteError(predicted: Matrix, target: Matrix) -> Double {
    checkSameShape("meanAbsoluteError", predicted, target)
    return (predicted - target).map { abs($0) }.mean()
}

/// The gradient of `meanAbsoluteError`: `∂L/∂ŷ = sign(ŷ − y) / n`, with `sign(0) = 0` as PyTorch.
public func meanAbsoluteErrorGradient(predicted: Matrix, target: Matrix) -> Matrix {
    checkSameShape("meanAbsoluteErrorGradient", predicted, target)
    let n = Double(predicted.count)
    return (predicted - target).map { $0 > 0 ? 1 / n : ($0 < 0 ? -1 / n : 0) }
}

/// The Huber loss of one residual `r = ŷ − y`: `½r²` if `|r| ≤ δ`, else `δ·|r| − ½δ²`.
public func huber(residual r: Double, delta: Double = 1) -> Double {
    abs(r) <= delta ? 0.5 * r * r : delta * abs(r) - 0.5 * delta * delta
}

/// Huber loss (smooth L1), **averaged over every element** (PyTorch `HuberLoss(delta:)`):
/// `L = (1/n) Σ huber(ŷᵢ − yᵢ)`, quadratic for small errors, linear beyond `δ`.
public func huberLoss(predicted: Matrix, target: Matrix, delta: Double = 1) -> Double {
    checkSameShape("huberLoss", predicted, target)
    return (predicted - target).map { huber(residual: $0, delta: delta) }.mean()
}

/// The gradient of `huberLoss`: `∂L/∂ŷ = r / n` if `|r| ≤ δ`, else `δ·sign(r) / n`, `r = ŷ − y`.
public func huberLossGradient(predicted: Matrix, target: Matrix, delta: Double = 1) -> Matrix {
    checkSameShape("huberLossGradient", predicted, target)
    let n = Double(predicted.count)
    return (predicted - target).map { r in (abs(r) <= delta ? r : (r > 0 ? delta : -delta)) / n }
}

func checkSameShape(_ operation: String, _ a: Matrix, _ b: Matrix) {
    precondition(a.rows == b.rows && a.columns == b.columns, Matrix.shapeMismatchMessage(operation, a, b))
    precondition(!a.isEmpty, "\(operation): empty matrices of shape (\(a.rows), \(a.columns))")
}
