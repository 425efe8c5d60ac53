import Foundation

/// Sums, means, maxima and norms of a matrix.
///
/// `axis` follows NumPy: `axis: 0` collapses the rows (one result per column, a `1 × columns`
/// row vector, e.g. the bias gradient `Σ_samples δ`), `axis: 1` collapses the columns (one result
/// per row, a `rows × 1` column vector).
extension Matrix {
    /// The sum of all entries `Σᵢⱼ Aᵢⱼ`.
    public func sum() -> Double {
        elements.reduce(0, +)
    }

    /// The mean of all entries `(1/mn) Σᵢⱼ Aᵢⱼ`.
    public func mean() -> Double {
        precondition(!isEmpty, "mean: empty matrix of shape (\(rows), \(columns))")
        return sum() / Double(count)
    }

    /// Sums along an axis, keeping dimensions (NumPy `sum(axis:, keepdims=True)`):
    /// `axis: 0` gives the `1 × columns` column sums, `axis: 1` the `rows × 1` row sums.
    public func sum(axis: Int) -> Matrix {
        precondition(axis == 0 || axis == 1, "sum: axis must be 0 or 1, got \(axis)")
        if axis == 0 {
            var sums = [Double](repeating: 0, count: columns)
            for i in 0..<rows {
                for j in 0..<columns { sums[j] += elements[i * columns + j] }
            }
            return Matrix(rows: 1, columns: columns, elements: sums)
        }
        return Matrix(rows: rows, columns: 1, elements: (0..<rows).map { row($0).reduce(0, +) })
    }

    /// Means along an axis, keeping dimensions (NumPy `mean(axis:, keepdims=True)`).
    public func mean(axis: Int) -> Matrix {
        let length = axis == 0 ? rows : columns
        precondition(length > 0, "mean: empty axis \(axis) of shape (\(rows), \(columns))")
        return sum(axis: axis) / Double(length)
    }

    /// Maxima along an axis, keeping dimensions (NumPy `max(axis:, keepdims=True)`).
    public func max(axis: Int) -> Matrix {
        precondition(axis == 0 || axis == 1, "max: axis must be 0 or 1, got \(axis)")
        precondition(!isEmpty, "max: empty matrix of shape (\(rows), \(columns))")
        if axis == 0 {
            return Matrix(row: (0..<columns).map { column($0).max()! })
        }
        return Matrix(column: (0..<rows).map { row($0).max()! })
    }

    /// The largest entry.
    public func max() -> Double {
        precondition(!isEmpty, "max: empty matrix of shape (\(rows), \(columns))")
        return elements.max()!
    }

    /// Minima along an axis, keeping dimensions (NumPy `min(axis:, keepdims=True)`).
    public func min(axis: Int) -> Matrix {
        precondition(axis == 0 || axis == 1, "min: axis must be 0 or 1, got \(axis)")
        precondition(!isEmpty, "min: empty matrix of shape (\(rows), \(columns))")
        if axis == 0 {
            return Matrix(row: (0..<columns).map { column($0).min()! })
        }
        return Matrix(column: (0..<rows).map { row($0).min()! })
    }

    /// The smallest entry.
    public func min() -> Double {
        precondition(!isEmpty, "min: empty matrix of shape (\(rows), \(columns))")
        return elements.min()!
    }

    /// The index of the largest entry along an axis (NumPy `argmax(axis:)`), the first one on
    /// ties: `axis: 1` gives, for every row (sample), the column (class) with the largest value.
    public func argmax(axis: Int = 1) -> [Int] {
        precondition(axis == 0 || axis == 1, "argmax: axis must be 0 or 1, got \(axis)")
        let lines = axis == 1 ? rowArrays : transposed.rowArrays
        return lines.map { line in
            precondition(!line.isEmpty, "argmax: empty axis in shape (\(rows), \(columns))")
            var best = 0
            for index in line.indices where line[index] > line[best] { best = index }
            return best
        }
    }

    /// The Frobenius norm `‖A‖ = √(Σᵢⱼ Aᵢⱼ²)`, the Euclidean norm of all entries.
    public var frobeniusNorm: Double {
        elements.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }
}
