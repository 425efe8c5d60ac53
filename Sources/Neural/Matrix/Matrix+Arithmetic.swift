/// Matrix products and element-wise arithmetic.
///
/// The matrix product is spelled `a.matmul(b)` (NumPy's `a @ b`); `*` between two matrices is
/// deliberately not defined, so that it cannot be confused with the element-wise product
/// `a.hadamard(b)` (NumPy's `a * b`). `*` is only defined between a scalar and a matrix.
extension Matrix {
    /// The matrix product `C = A·B`, `Cᵢⱼ = Σₖ Aᵢₖ Bₖⱼ` (NumPy `a @ b`).
    ///
    /// - Precondition: `self.columns == other.rows`.
    public func matmul(_ other: Matrix) -> Matrix {
        precondition(columns == other.rows, Matrix.shapeMismatchMessage("matmul", self, other))
        var result = [Double](repeating: 0, count: rows * other.columns)
        for i in 0..<rows {
            for k in 0..<columns {
                let aik = elements[i * columns + k]
                if aik == 0 { continue }
                for j in 0..<other.columns {
                    result[i * other.columns + j] += aik * other.elements[k * other.columns + j]
                }
            }
        }
        return Matrix(rows: rows, columns: other.columns, elements: result)
    }

    /// The element-wise (Hadamard) product `A ⊙ B`, `(A ⊙ B)ᵢⱼ = Aᵢⱼ Bᵢⱼ` (NumPy `a * b`).
    ///
    /// `other` may also be a `1 × columns` row vector, broadcast over every row.
    public func hadamard(_ other: Matrix) -> Matrix {
        broadcasting(other, "hadamard", *)
    }

    /// The element-wise quotient `Aᵢⱼ / Bᵢⱼ` (NumPy `a / b`); `other` may be a broadcast row vector.
    public func dividedElementwise(by other: Matrix) -> Matrix {
        broadcasting(other, "dividedElementwise", /)
    }

    /// Combines `self` with `other` entry by entry, where `other` has the same shape as `self`,
    /// or is a `1 × columns` row vector repeated for every row (NumPy broadcasting of `b` over a
    /// batch), or is a `rows × 1` column vector repeated for every column.
    public func broadcasting(
        _ other: Matrix, _ operation: String = "broadcast", _ combine: (Double, Double) -> Double
    ) -> Matrix {
        if other.rows == rows && other.columns == columns {
            return zipMap(other, combine)
        }
        if other.rows == 1 && other.columns == columns {
            return Matrix(rows: rows, columns: columns) { i, j in combine(self.elements[i * columns + j], other.elements[j]) }
        }
        if other.columns == 1 && other.rows == rows {
            return Matrix(rows: rows, columns: columns) { i, j in combine(self.elements[i * columns + j], other.elements[i]) }
        }
        preconditionFailure(Matrix.shapeMismatchMessage(operation, self, other))
    }

    /// Element-wise sum `A + B`; `rhs` may be a `1 × n` row vector broadcast over the batch
    /// (as in `x·W + b`) or an `m × 1` column vector broadcast over columns (as in `W·a + b`).
    public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
        lhs.broadcasting(rhs, "+", +)
    }

    /// Element-wise difference `A − B`, broadcasting `rhs` like `+`.
    public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
        lhs.broadcasting(rhs, "-", -)
    }

    /// Element-wise negation `−A`.
    public static prefix func - (matrix: Matrix) -> Matrix {
        matrix.map { -$0 }
    }

    /// Scalar multiple `c·A`.
    public static func * (scalar: Double, matrix: Matrix) -> Matrix {
        matrix.map { scalar * $0 }
    }

    /// Scalar multiple `A·c`.
    public static func * (matrix: Matrix, scalar: Double) -> Matrix {
        matrix.map { $0 * scalar }
    }

    /// Scalar quotient `A / c`.
    public static func / (matrix: Matrix, scalar: Double) -> Matrix {
        matrix.map { $0 / scalar }
    }

    /// Adds `c` to every entry: `A + c`.
    public static func + (matrix: Matrix, scalar: Double) -> Matrix {
        matrix.map { $0 + scalar }
    }

    /// Subtracts `c` from every entry: `A − c`.
    public static func - (matrix: Matrix, scalar: Double) -> Matrix {
        matrix.map { $0 - scalar }
    }

    /// In-place element-wise sum, broadcasting `rhs` like `+`.
    public static func += (lhs: inout Matrix, rhs: Matrix) {
        lhs = lhs + rhs
    }

    /// In-place element-wise difference, broadcasting `rhs` like `-`.
    public static func -= (lhs: inout Matrix, rhs: Matrix) {
        lhs = lhs - rhs
    }

    /// The outer product `u vᵀ` of two vectors, an `u.count × v.count` matrix.
    public static func outer(_ u: [Double], _ v: [Double]) -> Matrix {
        Matrix(rows: u.count, columns: v.count) { i, j in u[i] * v[j] }
    }
}
