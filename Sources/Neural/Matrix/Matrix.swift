/// A small dense matrix of `Double`s, stored row-major, with the shape convention of the
/// sources' NumPy code: a batch is `(samples × features)`, one sample per row.
///
/// ```swift
/// let x = Matrix([[1, 2], [3, 4]])   // 2 × 2
/// x[0, 1]                             // 2
/// x.transposed                        // [[1, 3], [2, 4]]
/// x.matmul(x)                         // the matrix product x·x
/// x.hadamard(x)                       // the element-wise product x ⊙ x
/// ```
///
/// Shape mismatches are programmer errors: they stop the program with a `precondition`
/// message naming both shapes.
public struct Matrix: Sendable, Equatable, Hashable {
    /// The number of rows (for a batch: the number of samples).
    public let rows: Int
    /// The number of columns (for a batch: the number of features).
    public let columns: Int
    /// The entries in row-major order: entry `(i, j)` is `elements[i * columns + j]`.
    public internal(set) var elements: [Double]

    /// A matrix from its rows, e.g. `Matrix([[1, 2], [3, 4]])`.
    ///
    /// - Precondition: every row has the same length. An empty array gives a 0 × 0 matrix.
    public init(_ rows: [[Double]]) {
        let columnCount = rows.first?.count ?? 0
        for (index, row) in rows.enumerated() {
            precondition(
                row.count == columnCount,
                "Matrix: row \(index) has \(row.count) entries but row 0 has \(columnCount)")
        }
        self.rows = rows.count
        self.columns = columnCount
        self.elements = rows.flatMap { $0 }
    }

    /// A `rows × columns` matrix from its entries in row-major order.
    ///
    /// - Precondition: `elements.count == rows * columns`.
    public init(rows: Int, columns: Int, elements: [Double]) {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative shape (\(rows), \(columns))")
        precondition(
            elements.count == rows * columns,
            "Matrix: \(elements.count) elements cannot fill shape (\(rows), \(columns))")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A `rows × columns` matrix with every entry equal to `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.init(rows: rows, columns: columns, elements: Array(repeating: value, count: rows * columns))
    }

    /// A `rows × columns` matrix whose entry `(i, j)` is `entry(i, j)`.
    public init(rows: Int, columns: Int, entry: (_ row: Int, _ column: Int) -> Double) {
        var elements: [Double] = []
        elements.reserveCapacity(rows * columns)
        for i in 0..<rows {
            for j in 0..<columns {
                elements.append(entry(i, j))
            }
        }
        self.init(rows: rows, columns: columns, elements: elements)
    }

    /// A `1 × n` row vector, the shape of a single sample or of a bias `b`.
    public init(row: [Double]) {
        self.init(rows: 1, columns: row.count, elements: row)
    }

    /// An `n × 1` column vector, the shape of `a` in the column convention `z = W·a + b`.
    public init(column: [Double]) {
        self.init(rows: column.count, columns: 1, elements: column)
    }

    /// The `rows × columns` matrix of zeros.
    public static func zeros(rows: Int, columns: Int) -> Matrix {
        Matrix(rows: rows, columns: columns, repeating: 0)
    }

    /// The `rows × columns` matrix of ones.
    public static func ones(rows: Int, columns: Int) -> Matrix {
        Matrix(rows: rows, columns: columns, repeating: 1)
    }

    /// The `size × size` identity matrix `I`.
    public static func identity(_ size: Int) -> Matrix {
        Matrix(rows: size, columns: size) { i, j in i == j ? 1 : 0 }
    }

    /// The shape `(rows, columns)`, as NumPy's `.shape`.
    public var shape: (rows: Int, columns: Int) { (rows, columns) }

    /// The number of entries, `rows × columns`.
    public var count: Int { elements.count }

    /// Whether the matrix has no entries.
    public var isEmpty: Bool { elements.isEmpty }

    /// The entry in row `row` and column `column` (both 0-based).
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(
                row >= 0 && row < rows && column >= 0 && column < columns,
                "Matrix: index (\(row), \(column)) out of range for shape (\(rows), \(columns))")
            return elements[row * columns + column]
        }
        set {
            precondition(
                row >= 0 && row < rows && column >= 0 && column < columns,
                "Matrix: index (\(row), \(column)) out of range for shape (\(rows), \(columns))")
            elements[row * columns + column] = newValue
        }
    }

    /// The rows as nested arrays, the inverse of `init(_:)`.
    public var rowArrays: [[Double]] {
        (0..<rows).map { row($0) }
    }

    /// Row `index` as an array.
    public func row(_ index: Int) -> [Double] {
        precondition(index >= 0 && index < rows, "Matrix: row \(index) out of range for shape (\(rows), \(columns))")
        return Array(elements[(index * columns)..<((index + 1) * columns)])
    }

    /// Column `index` as an array.
    public func column(_ index: Int) -> [Double] {
        precondition(
            index >= 0 && index < columns, "Matrix: column \(index) out of range for shape (\(rows), \(columns))")
        return (0..<rows).map { elements[$0 * columns + index] }
    }

    /// The matrix made of the given rows, in the given order (NumPy `x[indices]`).
    public func selectingRows(_ indices: [Int]) -> Matrix {
        var selected: [Double] = []
        selected.reserveCapacity(indices.count * columns)
        for index in indices {
            selected.append(contentsOf: row(index))
        }
        return Matrix(rows: indices.count, columns: columns, elements: selected)
    }

    /// The transpose `Aᵀ`: entry `(i, j)` of the result is entry `(j, i)` of `self`.
    public var transposed: Matrix {
        Matrix(rows: columns, columns: rows) { i, j in elements[j * columns + i] }
    }

    /// The matrix with `transform` applied to every entry, e.g. `z.map(sigmoid)`.
    public func map(_ transform: (Double) -> Double) -> Matrix {
        Matrix(rows: rows, columns: columns, elements: elements.map(transform))
    }

    /// The entry-wise combination `f(aᵢⱼ, bᵢⱼ)` of two matrices of the same shape.
    public func zipMap(_ other: Matrix, _ combine: (Double, Double) -> Double) -> Matrix {
        precondition(
            rows == other.rows && columns == other.columns,
            Matrix.shapeMismatchMessage("zipMap", self, other))
        var result = elements
        for index in result.indices {
            result[index] = combine(elements[index], other.elements[index])
        }
        return Matrix(rows: rows, columns: columns, elements: result)
    }

    /// The message a shape precondition prints, naming the operation and both shapes,
    /// e.g. `"matmul: shapes (2, 3) and (2, 3) are incompatible"`.
    public static func shapeMismatchMessage(_ operation: String, _ a: Matrix, _ b: Matrix) -> String {
        "\(operation): shapes (\(a.rows), \(a.columns)) and (\(b.rows), \(b.columns)) are incompatible"
    }
}
