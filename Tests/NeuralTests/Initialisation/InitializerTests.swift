import Foundation
import Testing
@testable import Neural

/// One initialiser with the standard deviation (and uniform bound) its formula gives, by hand.
struct InitializerCase: Sendable, CustomStringConvertible {
    let initializer: WeightInitializer
    let fanIn: Int
    let fanOut: Int
    let standardDeviation: Double
    let bound: Double?
    var description: String { "\(initializer) (\(fanIn), \(fanOut))" }
}

// By hand: σ² = 2/(in+out) (Xavier), 2/in (He), 1/in (LeCun); uniform bound a = √3·σ.
private let initializerCases: [InitializerCase] = [
    InitializerCase(initializer: .xavierNormal, fanIn: 200, fanOut: 300, standardDeviation: (2.0 / 500).squareRoot(), bound: nil),
    InitializerCase(initializer: .xavierUniform, fanIn: 200, fanOut: 300, standardDeviation: (2.0 / 500).squareRoot(), bound: (6.0 / 500).squareRoot()),
    InitializerCase(initializer: .heNormal, fanIn: 250, fanOut: 200, standardDeviation: (2.0 / 250).squareRoot(), bound: nil),
    InitializerCase(initializer: .heUniform, fanIn: 250, fanOut: 200, standardDeviation: (2.0 / 250).squareRoot(), bound: (6.0 / 250).squareRoot()),
    InitializerCase(initializer: .lecunNormal, fanIn: 400, fanOut: 150, standardDeviation: (1.0 / 400).squareRoot(), bound: nil),
    InitializerCase(initializer: .lecunUniform, fanIn: 400, fanOut: 150, standardDeviation: (1.0 / 400).squareRoot(), bound: (3.0 / 400).squareRoot()),
    InitializerCase(initializer: .smallRandom(scale: 0.01), fanIn: 300, fanOut: 200, standardDeviation: 0.01, bound: nil),
]

@Suite("Seeded generator and initialisers")
struct InitializerTests {
    @Test func splitMix64MatchesTheReferenceSequence() {
        var generator = SeededGenerator(seed: 1234567)
        // SplitMix64 reference test vector (Vigna's splitmix64.c, seed 1234567), reproduced in Python.
        #expect([generator.next(), generator.next(), generator.next()] == [6457827717110365317, 3203168211198807973, 9817491932198370423])
    }

    @Test func uniformAndGaussianMatchAPythonReimplementation() {
        // Python (pure-integer SplitMix64; (x >> 11) * 2**-53; Box–Muller with u1 = 1 − u, u2 = u)
        var generator = SeededGenerator(seed: 42)
        #expect([generator.nextUniform(), generator.nextUniform(), generator.nextUniform()]
                == [0.7415648787718233, 0.1599103928769201, 0.27860113025513866])
        generator = SeededGenerator(seed: 42)
        let gaussians = (0..<4).map { _ in generator.nextGaussian() }
        #expect(isClose(gaussians, [0.8822489062222688, 1.388473285287707, -0.4508498757188601, 0.6707164409024291], tolerance: 1e-14))
        var a = SeededGenerator(seed: 5)
        var b = SeededGenerator(seed: 5)
        #expect(a.gaussianMatrix(rows: 3, columns: 3) == b.gaussianMatrix(rows: 3, columns: 3))
    }

    @Test func permutationMatchesAPythonFisherYates() {
        var generator = SeededGenerator(seed: 3)
        // Python: for i in 5..1: j = next() % (i + 1); swap(a[i], a[j])
        #expect(generator.permutation(6) == [5, 0, 2, 4, 1, 3])
    }

    /// (initializer, fanIn, fanOut, expected standard deviation by hand, uniform bound or nil)
    @Test(arguments: initializerCases)
    func initialiserHasTheVarianceOfItsFormula(_ c: InitializerCase) {
        let (initializer, fanIn, fanOut, standardDeviation, bound) = (c.initializer, c.fanIn, c.fanOut, c.standardDeviation, c.bound)
        var generator = SeededGenerator(seed: 2024)
        let w = initializer.weights(fanIn: fanIn, fanOut: fanOut, using: &generator)
        #expect(w.shape == (fanIn, fanOut))
        let mean = w.mean()
        let std = (w.map { ($0 - mean) * ($0 - mean) }.mean()).squareRoot()
        // With 50 000+ samples the sample standard deviation is within 2 % of the formula.
        #expect(abs(mean) < 0.02 * standardDeviation * 10)
        #expect(abs(std / standardDeviation - 1) < 0.02)
        if let bound { #expect(w.elements.allSatisfy { abs($0) <= bound }) }
    }

    @Test func zerosAndOrthogonal() {
        var generator = SeededGenerator(seed: 9)
        #expect(WeightInitializer.zeros.weights(fanIn: 2, fanOut: 3, using: &generator) == .zeros(rows: 2, columns: 3))
        let tall = WeightInitializer.orthogonal().weights(fanIn: 6, fanOut: 4, using: &generator)
        // By hand: orthonormal columns, QᵀQ = I.
        #expect(isClose(tall.transposed.matmul(tall), .identity(4), tolerance: 1e-12))
        let wide = WeightInitializer.orthogonal(gain: 2).weights(fanIn: 3, fanOut: 5, using: &generator)
        #expect(isClose(wide.matmul(wide.transposed), 4 * Matrix.identity(3), tolerance: 1e-12))
    }
}
