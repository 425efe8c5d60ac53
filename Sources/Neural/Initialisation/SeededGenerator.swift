import Foundation

/// A small, seedable random number generator whose numbers are the same on every machine and
/// Swift version: SplitMix64 (Steele, Lea & Flood 2014) for the raw bits, the top 53 bits for
/// uniform doubles, and the Box–Muller transform for normal samples.
///
/// ```swift
/// var generator = SeededGenerator(seed: 42)
/// generator.nextUniform()     // in [0, 1)
/// generator.nextGaussian()    // from N(0, 1)
/// ```
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable {
    /// The SplitMix64 state, advanced by `0x9E3779B97F4A7C15` at every draw.
    public private(set) var state: UInt64
    private var spareGaussian: Double?

    /// A generator starting from `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits (SplitMix64):
    /// `s += 0x9E3779B97F4A7C15; z = s; z = (z ^ (z >> 30))·0xBF58476D1CE4E5B9;`
    /// `z = (z ^ (z >> 27))·0x94D049BB133111EB; return z ^ (z >> 31)`.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in `[0, 1)`: the top 53 bits of `next()` times `2⁻⁵³`.
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in `[low, high)`: `low + (high − low)·u`.
    public mutating func nextUniform(in low: Double, _ high: Double) -> Double {
        low + (high - low) * nextUniform()
    }

    /// A sample from the normal distribution `N(mean, standardDeviation²)`, by Box–Muller:
    /// with `u₁ ∈ (0, 1]`, `u₂ ∈ [0, 1)`, `r = √(−2 ln u₁)`, the pair `r cos 2πu₂`, `r sin 2πu₂`
    /// are independent standard normals; the second is kept for the next call.
    public mutating func nextGaussian(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        if let spare = spareGaussian {
            spareGaussian = nil
            return mean + standardDeviation * spare
        }
        let u1 = 1 - nextUniform()
        let u2 = nextUniform()
        let radius = (-2 * log(u1)).squareRoot()
        spareGaussian = radius * sin(2 * Double.pi * u2)
        return mean + standardDeviation * radius * cos(2 * Double.pi * u2)
    }

    /// A random integer in `0..<upperBound`: `next() mod upperBound` (the bias is below 2⁻⁴⁰ for
    /// the sizes used here, and the formula is easy to reproduce in any language).
    public mutating func nextInt(below upperBound: Int) -> Int {
        precondition(upperBound > 0, "nextInt: upper bound must be positive, got \(upperBound)")
        return Int(next() % UInt64(upperBound))
    }

    /// A random permutation of `0..<count` by the Fisher–Yates shuffle: for `i` from `count − 1`
    /// down to 1, swap positions `i` and `nextInt(below: i + 1)`.
    public mutating func permutation(_ count: Int) -> [Int] {
        var indices = Array(0..<count)
        shuffle(&indices)
        return indices
    }

    /// Shuffles `array` in place with the Fisher–Yates shuffle of `permutation(_:)`.
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, through: 1, by: -1) {
            array.swapAt(i, nextInt(below: i + 1))
        }
    }

    /// A `rows × columns` matrix of independent `N(mean, standardDeviation²)` samples, filled row by row.
    public mutating func gaussianMatrix(
        rows: Int, columns: Int, mean: Double = 0, standardDeviation: Double = 1
    ) -> Matrix {
        Matrix(rows: rows, columns: columns) { _, _ in nextGaussian(mean: mean, standardDeviation: standardDeviation) }
    }

    /// A `rows × columns` matrix of independent uniform samples from `[low, high)`, filled row by row.
    public mutating func uniformMatrix(rows: Int, columns: Int, low: Double, high: Double) -> Matrix {
        Matrix(rows: rows, columns: columns) { _, _ in nextUniform(in: low, high) }
    }
}
