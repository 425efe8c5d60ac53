import Neural

/// Whether `a` and `b` agree to within `tolerance` (absolute) or `tolerance` relative to their size.
func isClose(_ a: Double, _ b: Double, tolerance: Double = 1e-12) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

/// Whether two matrices have the same shape and agree entry by entry.
func isClose(_ a: Matrix, _ b: Matrix, tolerance: Double = 1e-12) -> Bool {
    a.rows == b.rows && a.columns == b.columns
        && zip(a.elements, b.elements).allSatisfy { isClose($0, $1, tolerance: tolerance) }
}

/// Whether a matrix agrees with nested arrays entry by entry.
func isClose(_ a: Matrix, _ b: [[Double]], tolerance: Double = 1e-12) -> Bool {
    isClose(a, Matrix(b), tolerance: tolerance)
}

/// Whether two arrays agree entry by entry.
func isClose(_ a: [Double], _ b: [Double], tolerance: Double = 1e-12) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { isClose($0, $1, tolerance: tolerance) }
}
