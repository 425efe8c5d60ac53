import Foundation
import Neural

/// A trained network on disk. Layout, little-endian: `"NNTW"`, version `UInt16` (1), scalar size
/// `UInt8` (4 or 8), activation code `UInt8`, epochs `UInt32`, layer count `UInt32`, the widths as
/// `UInt32`s, parameter count `UInt64`, the parameters (in the `TrainingNetwork` layout, `Float` or `Double`),
/// and a 64-bit FNV-1a checksum of everything before it.
public struct WeightsFile: Sendable, Equatable {
    /// The layer widths, input first.
    public var layerSizes: [Int]
    /// The hidden-layer nonlinearity.
    public var activation: Activation
    /// The precision the parameters were trained and are stored in.
    public var precision: Precision
    /// Epochs trained so far.
    public var epochsCompleted: Int
    /// Every weight and bias, in the `TrainingNetwork` layout.
    public var parameters: [Double]

    /// A weights file's contents.
    public init(layerSizes: [Int], activation: Activation, precision: Precision, epochsCompleted: Int, parameters: [Double]) {
        self.layerSizes = layerSizes
        self.activation = activation
        self.precision = precision
        self.epochsCompleted = epochsCompleted
        self.parameters = parameters
    }

    static let magic: [UInt8] = Array("NNTW".utf8)
    static let version: UInt16 = 1

    /// The number of parameters a network with `layerSizes` has, `Σ (nₗ + 1)·nₗ₊₁`.
    public static func parameterCount(layerSizes: [Int]) -> Int {
        zip(layerSizes, layerSizes.dropFirst()).reduce(0) { $0 + ($1.0 + 1) * $1.1 }
    }

    /// The file's bytes.
    public func encoded() -> [UInt8] {
        var bytes = Self.magic
        bytes.appendLittleEndian(Self.version)
        bytes.append(UInt8(precision.byteCount))
        bytes.append(activation.weightsFileCode ?? 0)
        bytes.appendLittleEndian(UInt32(epochsCompleted))
        bytes.appendLittleEndian(UInt32(layerSizes.count))
        for size in layerSizes { bytes.appendLittleEndian(UInt32(size)) }
        bytes.appendLittleEndian(UInt64(parameters.count))
        bytes.reserveCapacity(bytes.count + parameters.count * precision.byteCount + 8)
        switch precision {
        case .float: for value in parameters { bytes.appendLittleEndian(Float(value).bitPattern) }
        case .double: for value in parameters { bytes.appendLittleEndian(value.bitPattern) }
        }
        bytes.appendLittleEndian(Self.checksum(bytes[...]))
        return bytes
    }

    /// Decodes and checks `bytes`; `path` names the file in errors.
    public init(decoding bytes: [UInt8], path: String) throws(WeightsFileError) {
        var reader = ByteReader(bytes: bytes[...])
        guard bytes.count >= 6, Array(bytes[0..<4]) == Self.magic else { throw .notAWeightsFile(path: path) }
        reader.skip(4)
        guard reader.read(UInt16.self) == Self.version else { throw .notAWeightsFile(path: path) }
        guard bytes.count >= 8 + 8 else { throw .corrupt(path: path, reason: "the header is cut short") }
        let stored = bytes.suffix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard Self.checksum(bytes.dropLast(8)) == stored else {
            throw .corrupt(path: path, reason: "checksum mismatch (the file was truncated or altered)")
        }
        guard let scalarSize = reader.read(UInt8.self), let precision = Precision.allCases.first(where: { $0.byteCount == Int(scalarSize) }) else {
            throw .corrupt(path: path, reason: "unknown scalar size")
        }
        guard let code = reader.read(UInt8.self), let activation = Activation(weightsFileCode: code) else {
            throw .corrupt(path: path, reason: "unknown activation")
        }
        guard let epochs = reader.read(UInt32.self), let layerCount = reader.read(UInt32.self), (2...64).contains(layerCount) else {
            throw .corrupt(path: path, reason: "bad layer count")
        }
        var sizes: [Int] = []
        for _ in 0..<layerCount {
            guard let size = reader.read(UInt32.self), size > 0 else { throw .corrupt(path: path, reason: "bad layer width") }
            sizes.append(Int(size))
        }
        guard let count = reader.read(UInt64.self), Int(count) == Self.parameterCount(layerSizes: sizes),
              reader.remaining == Int(count) * precision.byteCount + 8
        else {
            throw .corrupt(path: path, reason: "the parameter count does not match the layer widths \(sizes)")
        }
        var values: [Double] = []
        values.reserveCapacity(Int(count))
        for _ in 0..<count {
            switch precision {
            case .float: values.append(Double(Float(bitPattern: reader.read(UInt32.self)!)))
            case .double: values.append(Double(bitPattern: reader.read(UInt64.self)!))
            }
        }
        self.init(layerSizes: sizes, activation: activation, precision: precision, epochsCompleted: Int(epochs), parameters: values)
    }

    /// Reads the file at `url`.
    public init(contentsOf url: URL) throws(WeightsFileError) {
        guard FileManager.default.fileExists(atPath: url.path) else { throw .missing(path: url.path) }
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .io(path: url.path, reason: error.localizedDescription) }
        try self.init(decoding: [UInt8](data), path: url.path)
    }

    /// Checks that `url` may receive a weights file: it does not exist yet, or it already holds a
    /// weights file. Anything else is a user's file, which `--save` must never replace.
    public static func checkReplaceable(_ url: URL) throws(WeightsFileError) {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        do {
            _ = try WeightsFile(contentsOf: url)
        } catch .notAWeightsFile, .corrupt {
            throw .io(path: url.path, reason: "exists and is not a weights file; it was left alone: choose another file for --save")
        }
    }

    /// Writes the file atomically: the bytes go to a temporary file in the same folder, which is
    /// flushed to disk and then renamed over `url`, so a crash leaves either the old file or the new one.
    public func write(to url: URL) throws(WeightsFileError) {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw WeightsFileError.io(path: url.path, reason: "cannot create \(temporary.path)")
            }
            let handle = try FileHandle(forWritingTo: temporary)
            do {
                try handle.write(contentsOf: encoded())
                try handle.synchronize()
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            guard rename(temporary.path, url.path) == 0 else {
                throw WeightsFileError.io(path: url.path, reason: "cannot replace the file (\(String(cString: strerror(errno))))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if let error = error as? WeightsFileError { throw error }
            throw .io(path: url.path, reason: error.localizedDescription)
        }
    }

    /// 64-bit FNV-1a: `h ← (h ⊕ byte)·0x100000001b3`, from `0xcbf29ce484222325`.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
