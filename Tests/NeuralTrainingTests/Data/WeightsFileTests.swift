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
        let bytes = Self.damaged(try! Self.sample(.double).encoded(path: "/tmp/model.nntw"), name)
        do {
            _ = try WeightsFile(decoding: bytes, path: "/tmp/model.nntw")
            Issue.record("\(name): expected an error")
        } catch {
            #expect(error.description.hasPrefix("/tmp/model.nntw: "))
            #expect(error.description.contains(expected))
        }
    }

    /// A weights file's bytes written field by field with a valid checksum: headers this program
    /// never writes. `parameters` go in at `scalarSize` bytes each; `count` defaults to their number.
    /// Version 2 has a model byte (1 MLP, 2 CNN) after the scalar size; version 1 has none.
    static func forged(
        version: UInt16 = 2, model: UInt8 = 1, activation: UInt8 = 1, scalarSize: UInt8 = 8, epochs: UInt32 = 0, widths: [UInt32],
        count: UInt64? = nil, parameters: [Double] = []
    ) -> [UInt8] {
        var bytes = WeightsFile.magic
        bytes.appendLittleEndian(version)
        bytes.append(scalarSize)
        if version >= 2 { bytes.append(model) }
        bytes.append(activation)  // 1: relu
        bytes.appendLittleEndian(epochs)
        bytes.appendLittleEndian(UInt32(widths.count))
        for width in widths { bytes.appendLittleEndian(width) }
        bytes.appendLittleEndian(count ?? UInt64(parameters.count))
        for value in parameters {
            if scalarSize == 4 { bytes.appendLittleEndian(Float(value).bitPattern) } else { bytes.appendLittleEndian(value.bitPattern) }
        }
        bytes.appendLittleEndian(WeightsFile.checksum(bytes[...]))
        return bytes
    }

    /// `[4, 3, 2]`'s 23 parameters, all 0.5 but `value` at `index`.
    static func parameters(_ value: Double = 0.5, at index: Int = 0) -> [Double] {
        var values = Array(repeating: 0.5, count: 23)
        values[index] = value
        return values
    }

    /// Hostile headers and values are errors naming the file, never traps or huge allocations.
    @Test(arguments: [
        ("huge width", forged(widths: [.max, 10]),
         WeightsFileError.corrupt(path: "w.bin", reason: "layer width 4294967295 is more than the 1048576 allowed")),
        ("too many parameters", forged(widths: [1 << 20, 1 << 20, 1 << 20]),
         .corrupt(path: "w.bin", reason: "the layer widths [1048576, 1048576, 1048576] make more than the 2147483648 parameters allowed")),
        ("count beyond Int", forged(widths: [4, 3, 2], count: .max, parameters: parameters()),
         .corrupt(path: "w.bin", reason: "the parameter count does not match the layer widths [4, 3, 2]")),
        ("count 2^63", forged(widths: [4, 3, 2], count: 1 << 63, parameters: parameters()),
         .corrupt(path: "w.bin", reason: "the parameter count does not match the layer widths [4, 3, 2]")),
        ("65 layers", forged(widths: Array(repeating: 1, count: 65)), .corrupt(path: "w.bin", reason: "bad layer count")),
        ("NaN", forged(widths: [4, 3, 2], parameters: parameters(.nan, at: 5)), .nonFiniteParameter(path: "w.bin", index: 5)),
        ("infinity", forged(widths: [4, 3, 2], parameters: parameters(-.infinity, at: 22)), .nonFiniteParameter(path: "w.bin", index: 22)),
        ("Float NaN", forged(scalarSize: 4, widths: [4, 3, 2], parameters: parameters(.nan, at: 0)), .nonFiniteParameter(path: "w.bin", index: 0)),
    ] as [(String, [UInt8], WeightsFileError)])
    func hostileFilesAreErrorsNamingTheFile(name: String, bytes: [UInt8], expected: WeightsFileError) {
        #expect(throws: expected, "\(name)") { try WeightsFile(decoding: bytes, path: "w.bin") }
        #expect(expected.description.hasPrefix("w.bin: "))
    }

    @Test func theLargestEpochCountIsRead() throws {
        let file = try WeightsFile(decoding: Self.forged(epochs: .max, widths: [4, 3, 2], parameters: Self.parameters()), path: "w.bin")
        #expect(file.epochsCompleted == Int(UInt32.max))
    }

    /// Diverged weights are never written: encoding refuses a non-finite parameter (in the file's
    /// precision: 1e300 is finite as a `Double` but not as a `Float`), and the old file stays.
    @Test(arguments: [
        (Precision.double, Double.nan, 3, false), (.double, .infinity, 0, false), (.float, -.infinity, 22, false),
        (.float, 1e300, 7, false), (.double, 1e300, 7, true), (.float, 3e38, 7, true),
    ])
    func nonFiniteWeightsAreNeverWritten(precision: Precision, value: Double, index: Int, finite: Bool) throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("weights.nntw")
        let good = Self.sample(precision)
        try good.write(to: url)
        var bad = good
        bad.parameters[index] = value
        if finite {
            try bad.write(to: url)
            #expect(try WeightsFile(contentsOf: url).parameters[index] == Double(precision == .float ? Double(Float(value)) : value))
        } else {
            let expected = WeightsFileError.nonFiniteParameter(path: url.path, index: index)
            #expect(throws: expected) { try bad.encoded(path: url.path) }
            #expect(throws: expected) { try bad.write(to: url) }
            #expect(try WeightsFile(contentsOf: url) == good)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["weights.nntw"])
        }
    }

    /// `--save` targets are checked before training: the folder must take a new file.
    @Test(arguments: [
        ("missing/w.bin", "cannot be written: no file can be created in {folder}/missing (No such file or directory)"),
        ("essay.txt/w.bin", "cannot be written: no file can be created in {folder}/essay.txt (Not a directory)"),
        ("sub", "is a folder: give --save a file name"),
        ("essay.txt", "exists and is not a weights file; it was left alone: choose another file for --save"),
        ("nan.bin", nil), ("fresh.bin", nil),
    ] as [(String, String?)])
    func saveTargetsAreCheckedBeforeTraining(name: String, reason: String?) throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("my thesis".utf8).write(to: folder.appendingPathComponent("essay.txt"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: false)
        // Written by an earlier version that saved diverged weights: still a weights file, replaceable.
        try Data(Self.forged(widths: [4, 3, 2], parameters: Self.parameters(.nan))).write(to: folder.appendingPathComponent("nan.bin"))
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let url = folder.appendingPathComponent(name)
        if let reason {
            #expect(throws: WeightsFileError.io(path: url.path, reason: reason.replacingOccurrences(of: "{folder}", with: folder.path))) {
                try WeightsFile.checkReplaceable(url)
            }
        } else {
            try WeightsFile.checkReplaceable(url)
        }
        // The probe's temporary file is gone again.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == before)
    }

    /// Version 2 for both models and both precisions: the model survives the round trip.
    @Test(arguments: ModelKind.allCases, Precision.allCases)
    func version2RoundTripsEitherModel(model: ModelKind, precision: Precision) throws {
        let file = model == .cnn
            ? WeightsFile.cnn(
                precision: precision, epochsCompleted: 3,
                parameters: (0..<225_034).map { Double($0 % 1000) / 1024 - 0.5 })
            : Self.sample(precision)
        let bytes = try file.encoded(path: "w.bin")
        #expect(Array(bytes[4..<8]) == [2, 0, UInt8(precision.byteCount), model == .mlp ? 1 : 2])
        let decoded = try WeightsFile(decoding: bytes, path: "w.bin")
        #expect(decoded.model == model)
        let same = decoded == file  // not inside #expect, which would print 225 034 parameters twice
        #expect(same)
    }

    /// A file written by version 1 (no model byte) still loads, as an MLP; and its parameters are
    /// where a version-2 file has them.
    @Test(arguments: [UInt16(1), 2])
    func version1FilesLoadAsMLPs(version: UInt16) throws {
        let file = try WeightsFile(
            decoding: Self.forged(version: version, activation: 3, epochs: 5, widths: [4, 3, 2], parameters: Self.parameters(0.75, at: 4)),
            path: "old.bin")
        #expect(file.model == .mlp && file.layerSizes == [4, 3, 2] && file.activation == .tanh && file.epochsCompleted == 5)
        #expect(file.parameters == Self.parameters(0.75, at: 4))
    }

    /// A CNN file has SimpleCNN's widths, ReLU and its 225 034 parameters; anything else is corrupt.
    @Test(arguments: [
        ("unknown model", forged(model: 3, widths: [4, 3, 2], parameters: parameters()), "unknown model"),
        ("CNN with MLP widths", forged(model: 2, widths: [4, 3, 2], parameters: parameters()),
         "a CNN file must have the widths [1, 32, 64, 128, 10] (source 004's SimpleCNN), not [4, 3, 2]"),
        ("CNN with tanh", forged(model: 2, activation: 3, widths: [1, 32, 64, 128, 10], parameters: parameters()),
         "a CNN file must use relu, not tanh"),
        ("CNN cut short", forged(model: 2, widths: [1, 32, 64, 128, 10], parameters: parameters()),
         "the parameter count does not match the CNN's"),
        ("version 3", forged(version: 3, widths: [4, 3, 2], parameters: parameters()), "not a weights file"),
    ] as [(String, [UInt8], String)])
    func badCNNFilesAreCorrupt(name: String, bytes: [UInt8], message: String) {
        do {
            _ = try WeightsFile(decoding: bytes, path: "w.bin")
            Issue.record("\(name): expected an error")
        } catch {
            #expect(error.description.hasPrefix("w.bin: "), "\(name)")
            #expect(error.description.contains(message), "\(name): \(error.description)")
        }
    }
}
