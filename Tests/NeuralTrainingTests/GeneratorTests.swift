import Testing
@testable import NeuralTraining

@Suite struct GeneratorTests {
    /// First outputs computed independently in Python from the published reference algorithms.
    @Test(arguments: [
        (0, [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F],
         [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0]),
        (42, [0xBDD7_3226_2FEB_6E95, 0x28EF_E333_B266_F103, 0x4752_6757_130F_9F52],
         [0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1]),
    ] as [(UInt64, [UInt64], [UInt64])])
    func matchTheReferenceSequences(seed: UInt64, splitMix: [UInt64], xoshiro: [UInt64]) {
        var a = SplitMix64(seed: seed)
        #expect((0..<3).map { _ in a.next() } == splitMix)
        var b = Xoshiro256StarStar(seed: seed)
        #expect((0..<3).map { _ in b.next() } == xoshiro)
    }

    @Test func shufflesArePermutationsFixedByTheSeed() {
        var first = Xoshiro256StarStar(seed: 9), second = Xoshiro256StarStar(seed: 9)
        var a = Array(0..<100), b = Array(0..<100)
        first.shuffle(&a)
        second.shuffle(&b)
        #expect(a == b)
        #expect(a.sorted() == Array(0..<100))
        #expect(a != Array(0..<100))
    }

    @Test func gaussianSamplesHaveUnitVariance() {
        var generator = Xoshiro256StarStar(seed: 1)
        let samples = (0..<20_000).map { _ in generator.nextGaussian() }
        let mean = samples.reduce(0, +) / Double(samples.count)
        let variance = samples.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(samples.count)
        #expect(abs(mean) < 0.03)
        #expect(abs(variance - 1) < 0.05)
    }
}
