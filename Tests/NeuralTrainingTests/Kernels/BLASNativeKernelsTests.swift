import Testing
@testable import NeuralTraining

/// The kernel set asked of OpenBLAS when its `DYNAMIC_ARCH` build does not recognise the CPU.
@Suite struct BLASNativeKernelsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let flags: Set<String>
        let expected: String?
        var testDescription: String { name }
    }

    static let baseline: Set<String> = ["fpu", "sse", "sse2", "ssse3", "sse4_1", "sse4_2"]

    static let cases: [Case] = [
        Case(name: "SSE only", flags: baseline, expected: nil),
        Case(name: "AVX", flags: baseline.union(["avx"]), expected: "SandyBridge"),
        Case(name: "AVX2 without FMA", flags: baseline.union(["avx", "avx2"]), expected: "SandyBridge"),
        Case(name: "AVX2 and FMA", flags: baseline.union(["avx", "avx2", "fma"]), expected: "Haswell"),
        Case(name: "AVX-512 F only", flags: baseline.union(["avx", "avx2", "fma", "avx512f"]), expected: "Haswell"),
        Case(
            name: "AVX-512 F, BW, DQ, VL",
            flags: baseline.union(["avx", "avx2", "fma", "avx512f", "avx512bw", "avx512dq", "avx512vl"]),
            expected: "SkylakeX"),
        Case(
            name: "AVX-512 with BF16",
            flags: baseline.union(["avx", "avx2", "fma", "avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512_bf16"]),
            expected: "Cooperlake"),
    ]

    @Test(arguments: cases)
    func coreTypeFollowsTheInstructionSet(_ example: Case) {
        #expect(BLAS.coreType(forCPUFlags: example.flags) == example.expected)
    }

    @Test(arguments: [
        ("Prescott", "SkylakeX"), ("PRESCOTT", "SkylakeX"), ("Core2", "SkylakeX"), ("Sandybridge", "SkylakeX"),
    ])
    func aFallbackCoreIsReplaced(chosen: String, expected: String) {
        let flags: Set<String> = ["avx", "avx2", "fma", "avx512f", "avx512bw", "avx512dq", "avx512vl"]
        #expect(BLAS.replacementCoreType(chosen: chosen, cpuFlags: flags) == expected)
    }

    @Test(arguments: ["SkylakeX", "Cooperlake", "Haswell", "Zen"])
    func aRecognisedCoreStands(chosen: String) {
        let flags: Set<String> = ["avx", "avx2", "fma", "avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512_bf16"]
        #expect(BLAS.replacementCoreType(chosen: chosen, cpuFlags: flags) == nil)
    }

    @Test func aFallbackOnAnOldCPUStands() {
        #expect(BLAS.replacementCoreType(chosen: "Prescott", cpuFlags: Self.baseline) == nil)
        #expect(BLAS.replacementCoreType(chosen: "Sandybridge", cpuFlags: Self.baseline.union(["avx"])) == nil)
    }

    @Test func flagsAreReadFromTheFirstProcessor() {
        let cpuinfo = """
            processor\t: 0
            model name\t: Intel(R) Xeon(R) Processor
            flags\t\t: fpu sse2 avx2 fma
            processor\t: 1
            flags\t\t: fpu
            """
        #expect(BLAS.cpuFlags(cpuinfo: cpuinfo) == ["fpu", "sse2", "avx2", "fma"])
        #expect(BLAS.cpuFlags(cpuinfo: "processor : 0\n").isEmpty)
    }
}
