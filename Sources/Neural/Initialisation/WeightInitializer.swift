import Foundation

/// How to fill a weight matrix of shape `(fanIn, fanOut)` (the `x·W` convention) before training.
///
/// `fanIn` is the number of inputs of the layer, `fanOut` its number of outputs.
public enum WeightInitializer: Sendable, Equatable, Hashable {
    /// All zeros. Every neuron then stays identical (symmetry is never broken): only for biases.
    case zeros
    /// `N(0, scale²)`, e.g. `0.01·randn`, as the sources' `np.random.randn(...) * 0.01`.
    case smallRandom(scale: Double = 0.01)
    /// Xavier/Glorot normal: `N(0, σ²)` with `σ² = 2 / (fanIn + fanOut)`, for tanh and sigmoid.
    case xavierNormal
    /// Xavier/Glorot uniform: `U(−a, a)` with `a = √(6 / (fanIn + fanOut))` (same variance).
    case xavierUniform
    /// He/Kaiming normal: `N(0, σ²)` with `σ² = 2 / fanIn`, for ReLU and its variants.
    case heNormal
    /// He/Kaiming uniform: `U(−a, a)` with `a = √(6 / fanIn)` (same variance).
    case heUniform
    /// LeCun normal: `N(0, σ²)` with `σ² = 1 / fanIn`, for SELU.
    case lecunNormal
    /// LeCun uniform: `U(−a, a)` with `a = √(3 / fanIn)` (same variance).
    case lecunUniform
    /// A random (semi-)orthogonal matrix times `gain`: `Q` from the QR decomposition of a Gaussian
    /// matrix, with signs fixed by `diag(R)`, so that `QᵀQ = I` (or `QQᵀ = I` if wide).
    case orthogonal(gain: Double = 1)

    /// The standard deviation of the normal variants, `√(2/(fanIn+fanOut))`, `√(2/fanIn)` or
    /// `√(1/fanIn)`; for the uniform variants the same variance is reached with bound `√3·σ`.
    public func standardDeviation(fanIn: Int, fanOut: Int) -> Double {
        switch self {
        case .zeros: return 0
        case .smallRandom(let scale): return scale
        case .xavierNormal, .xavierUniform: return (2 / Double(fanIn + fanOut)).squareRoot()
        case .heNormal, .heUniform: return (2 / Double(fanIn)).squareRoot()
        case .lecunNormal, .lecunUniform: return (1 / Double(fanIn)).squareRoot()
        case .orthogonal(let gain): return gain / Double(max(fanIn, fanOut)).squareRoot()
        }
    }

    /// A fresh `(fanIn × fanOut)` weight matrix drawn from `generator`.
    public func weights(fanIn: Int, fanOut: Int, using generator: inout SeededGenerator) -> Matrix {
        weights(rows: fanIn, columns: fanOut, fanIn: fanIn, fanOut: fanOut, using: &generator)
    }

    /// A fresh `rows × columns` matrix, filled row by row from `generator`, with this initializer's
    /// distribution for `(fanIn, fanOut)`. The shape and the fans differ for a convolution's kernels:
    /// `Conv2D` draws `outChannels × (inChannels·k²)` values with `fanIn = inChannels·k²` and
    /// `fanOut = outChannels·k²`.
    public func weights(rows: Int, columns: Int, fanIn: Int, fanOut: Int, using generator: inout SeededGenerator) -> Matrix {
        precondition(rows > 0 && columns > 0, "WeightInitializer: shape (\(rows), \(columns)) must be positive")
        precondition(fanIn > 0 && fanOut > 0, "WeightInitializer: fans (\(fanIn), \(fanOut)) must be positive")
        let sigma = standardDeviation(fanIn: fanIn, fanOut: fanOut)
        switch self {
        case .zeros:
            return .zeros(rows: rows, columns: columns)
        case .smallRandom, .xavierNormal, .heNormal, .lecunNormal:
            return generator.gaussianMatrix(rows: rows, columns: columns, standardDeviation: sigma)
        case .xavierUniform, .heUniform, .lecunUniform:
            let bound = 3.0.squareRoot() * sigma
            return generator.uniformMatrix(rows: rows, columns: columns, low: -bound, high: bound)
        case .orthogonal(let gain):
            return gain * orthogonalMatrix(rows: rows, columns: columns, using: &generator)
        }
    }
}

/// A random `rows × columns` matrix with orthonormal columns (if tall) or rows (if wide): the
/// `Q` of the QR decomposition (modified Gram–Schmidt) of a standard Gaussian matrix.
public func orthogonalMatrix(rows: Int, columns: Int, using generator: inout SeededGenerator) -> Matrix {
    let tall = rows >= columns
    let (n, k) = tall ? (rows, columns) : (columns, rows)
    let gaussian = generator.gaussianMatrix(rows: n, columns: k)
    var basis: [[Double]] = (0..<k).map { gaussian.column($0) }
    for j in 0..<k {
        for previous in 0..<j {
            let projection = dot(basis[previous], basis[j])
            for i in 0..<n { basis[j][i] -= projection * basis[previous][i] }
        }
        let norm = dot(basis[j], basis[j]).squareRoot()
        for i in 0..<n { basis[j][i] /= norm }
    }
    let q = Matrix(basis).transposed
    return tall ? q : q.transposed
}
