import Foundation
import Testing
import Neural
@testable import NeuralTraining

@Suite struct WeightsFileTests {
    static func sample(_ precision: Precision) -> WeightsFile {
        let sizes = [4, 3, 2]
        let count = WeightsFile.parameterCount(layerSizes: sizes)
        return WeightsFile(
            layerSizes: sizes, activation: .tanh, precision: precision, epochsCompleted: 7,
            parameters: (0..<count).map { Double($0) * 0.25 - 1 })
    }

    @Test(arguments: Precision.allCases)
    func roundTripsThroughAFile(precision: Precision) throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("weights.nntw")
        try Self.sample(precision).write(to: url)
        #expect(try WeightsFile(contentsOf: url) == Self.sample(precision))
        // Only the file itself is left: the temporary file was renamed over it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["weights.nntw"])
    }

    /// `--save` onto a file that is not a weights file (a user's) must leave it alone.
    @Test func onlyNewFilesOrWeightsFilesMayBeReplaced() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fresh = folder.appendingPathComponent("new.nntw")
        try WeightsFile.checkReplaceable(fresh)
        try Self.sample(.float).write(to: fresh)
        try WeightsFile.checkReplaceable(fresh)
        let essay = folder.appendingPathComponent("essay.txt")
        try Data("my thesis".utf8).write(to: essay)
        #expect(throws: WeightsFileError.self) { try WeightsFile.checkReplaceable(essay) }
        #expect(try String(contentsOf: essay, encoding: .utf8) == "my thesis")
    }

    @Test func parameterCountIsWeightsPlusBiases() {
        #expect(WeightsFile.parameterCount(layerSizes: [784, 256, 128, 10]) == 784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10)
    }

    /// A damaged copy of `bytes`.
    static func damaged(_ bytes: [UInt8], _ how: String) -> [UInt8] {
        switch how {
        case "flipped byte": var b = bytes; b[40] ^= 0xFF; return b
        case "truncated": return Array(bytes.dropLast(9))
        case "not ours": return Array("hello world, no weights here".utf8)
        default: return []
        }
    }

    @Test(arguments: [
        ("flipped byte", "checksum mismatch"), ("truncated", "checksum mismatch"),
        ("not ours", "not a weights file"), ("empty", "not a weights file"),
    ])
    func damagedFilesAreClearErrorsNamingTheFile(name: String, expected: String) {
        let bytes = Self.damaged(Self.sample(.double).encoded(), name)
        do {
            _ = try WeightsFile(decoding: bytes, path: "/tmp/model.nntw")
            Issue.record("\(name): expected an error")
        } catch {
            #expect(error.description.hasPrefix("/tmp/model.nntw: "))
            #expect(error.description.contains(expected))
        }
    }
}
