/// A floating-point type the training kernels run in: `Float` or `Double`.
///
/// Conformers supply the BLAS matrix product (`C ← α·op(A)·op(B) + β·C`, row-major) and the
/// elementary functions the fused kernels need; `BLAS.swift` implements both for `Float` and `Double`.
public protocol TrainingScalar: BinaryFloatingPoint, Sendable where Self.RawSignificand: FixedWidthInteger {
    /// The precision this type trains in.
    static var precision: Precision { get }

    /// General matrix product on row-major matrices: `C ← α·op(A)·op(B) + β·C`, where `op(X)` is
    /// `X` or `Xᵀ`; `op(A)` is `m × k`, `op(B)` is `k × n`, `C` is `m × n`, and `lda`, `ldb`, `ldc`
    /// are the row strides of the matrices as stored.
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Self, a: UnsafePointer<Self>, lda: Int,
        b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)

    /// `y[i] = √x[i]` for `i < count`, vectorised (see `VectorSquareRoot.swift`).
    static func squareRoots(_ x: UnsafePointer<Self>, into y: UnsafeMutablePointer<Self>, count: Int)

    /// `eˣ`.
    static func exponential(_ x: Self) -> Self
    /// The natural logarithm `ln x`.
    static func logarithm(_ x: Self) -> Self
    /// `tanh x = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)`.
    static func hyperbolicTangent(_ x: Self) -> Self
}
