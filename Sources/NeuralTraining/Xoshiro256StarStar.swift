import Foundation

/// xoshiro256** (Blackman & Vigna 2018), the seeded generator behind weight initialisation and
/// shuffling: the same seed gives the same network and the same batches on every run.
///
/// Output: `rotl(s₁·5, 7)·9`; state update: the xoshiro256 linear transform.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    private var s0, s1, s2, s3: UInt64

    /// A generator whose state is four successive `SplitMix64(seed:)` outputs.
    public init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        s0 = mixer.next(); s1 = mixer.next(); s2 = mixer.next(); s3 = mixer.next()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// A uniform double in `[0, 1)`: the top 53 bits of `next()` times `2⁻⁵³`.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound` by Lemire's multiply-and-reject method (unbiased).
    public mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0, "empty range")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }

    /// A standard normal sample `N(0, 1)` by the Box–Muller transform:
    /// `√(−2 ln u₁) · cos(2π u₂)` with `u₁ ∈ (0, 1]`.
    public mutating func nextGaussian() -> Double {
        let u1 = 1 - nextUnit()
        let u2 = nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Shuffles `values` in place by Fisher–Yates with `nextIndex(below:)`, so the permutation
    /// depends only on the generator's state, not on the standard library's algorithm.
    public mutating func shuffle<T>(_ values: inout [T]) {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, to: 0, by: -1) {
            let j = nextIndex(below: i + 1)
            if i != j { values.swapAt(i, j) }
        }
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
