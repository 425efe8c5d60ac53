import Foundation
import Neural

/// A trained network on disk. Layout (version 2), little-endian: `"NNTW"`, version `UInt16` (2),
/// scalar size `UInt8` (4 or 8), model code `UInt8` (1 MLP, 2 CNN), activation code `UInt8`,
/// epochs `UInt32`, layer count `UInt32`, the widths as `UInt32`s, parameter count `UInt64`, the
/// parameters (in the `TrainingNetwork` or `ConvolutionalNetwork` layout, `Float` or `Double`), and a
/// 64-bit FNV-1a checksum of everything before it. Version 1 is the same without the model byte,
/// and holds an MLP; it is still read, never written. An MLP's widths are its layer widths; a CNN's
/// are `[1, 32, 64, 128, 10]` (input channels, the convolutions' channels, hidden units, classes:
/// source 004's SimpleCNN, the only CNN). Every parameter is finite: a file is never written with,
/// nor read with, a NaN or an infinity. Widths and parameter counts are capped by `TrainingLimits`.
public struct WeightsFile: Sendable, Equatable {
    /// The network the file holds.
    public var model: ModelKind
    /// The layer widths, input first (for the CNN, `[1, 32, 64, 128, 10]`).
    public var layerSizes: [Int]
    /// The hidden-layer nonlinearity.
    public var activation: Activation
    /// The precision the parameters were trained and are stored in.
    public var precision: Precision
    /// Epochs trained so far.
    public var epochsCompleted: Int
    /// Every weight and bias, in the `TrainingNetwork` (MLP) or `ConvolutionalNetwork` (CNN) layout.
    public var parameters: [Double]

    /// A weights file's contents.
    public init(
        model: ModelKind = .mlp, layerSizes: [Int], activation: Activation, precision: Precision, epochsCompleted: Int,
        parameters: [Double]
    ) {
        self.model = model
        self.layerSizes = layerSizes
        self.activation = activation
        self.precision = precision
        self.epochsCompleted = epochsCompleted
        self.parameters = parameters
    }

    /// A file holding the CNN's `parameters` (`ConvolutionalNetwork` layout, 225 034 of them), with
    /// its widths `[1, 32, 64, 128, 10]` and ReLU.
    public static func cnn(precision: Precision, epochsCompleted: Int, parameters: [Double]) -> WeightsFile {
        WeightsFile(
            model: .cnn, layerSizes: cnnWidths, activation: .relu, precision: precision, epochsCompleted: epochsCompleted,
            parameters: parameters)
    }

    /// The widths a CNN file records: `[1, 32, 64, 128, 10]`.
    public static var cnnWidths: [Int] { ConvolutionalLayout.widths }

    static let magic: [UInt8] = Array("NNTW".utf8)
    /// The version written; `decoding` also reads version 1 (MLP files without a model byte).
    static let version: UInt16 = 2

    /// The number of parameters a network with `layerSizes` has, `Σ (nₗ + 1)·nₗ₊₁`.
    ///
    /// - Precondition: the count fits in an `Int` (see `TrainingLimits.parameterCount`).
    public static func parameterCount(layerSizes: [Int]) -> Int {
        guard let count = TrainingLimits.parameterCount(layerSizes: layerSizes) else {
            preconditionFailure("the parameter count of \(layerSizes) overflows")
        }
        return count
    }

    /// The number of parameters of `model` with `layerSizes`: the MLP's `Σ (nₗ + 1)·nₗ₊₁`, the CNN's 225 034.
    ///
    /// - Precondition: the MLP's count fits in an `Int`; a CNN's widths are `cnnWidths`.
    public static func parameterCount(model: ModelKind, layerSizes: [Int]) -> Int {
        switch model {
        case .mlp: return parameterCount(layerSizes: layerSizes)
        case .cnn:
            precondition(layerSizes == cnnWidths, "WeightsFile: a CNN has widths \(cnnWidths), got \(layerSizes)")
            return ConvolutionalLayout.parameterCount
        }
    }

    /// The model in words, for messages: `an MLP [784, 256, 128, 10]` or `the CNN (source 004's SimpleCNN)`.
    public var modelDescription: String {
        switch model {
        case .mlp: "an MLP \(layerSizes)"
        case .cnn: "the CNN (source 004's SimpleCNN)"
        }
    }

    /// The file's bytes; `path` names the file in errors.
    ///
    /// - Throws: `WeightsFileError.nonFiniteParameter` when a parameter is NaN or infinite in the
    ///   file's precision (a `Double` beyond `Float`'s range included): diverged weights are never saved.
    /// - Precondition: the contents are consistent: trainable activation, widths and parameter
    ///   count within `TrainingLimits`, `parameters.count` matching the model and widths (a CNN:
    ///   `cnnWidths`, ReLU), and `epochsCompleted` in `0...TrainingLimits.maximumEpochCount`.
    public func encoded(path: String) throws(WeightsFileError) -> [UInt8] {
        precondition(activation.weightsFileCode != nil, "WeightsFile: \(activation) has no weights-file code")
        precondition((try? TrainingLimits.checkLayers(layerSizes)) != nil, "WeightsFile: layer widths \(layerSizes) beyond the limits")
        precondition(model == .mlp || (layerSizes == Self.cnnWidths && activation == .relu),
                     "WeightsFile: a CNN has widths \(Self.cnnWidths) and ReLU, got \(layerSizes) and \(activation)")
        precondition(parameters.count == Self.parameterCount(model: model, layerSizes: layerSizes),
                     "WeightsFile: \(parameters.count) parameters for \(model) widths \(layerSizes)")
        precondition((0...TrainingLimits.maximumEpochCount).contains(epochsCompleted), "WeightsFile: bad epoch count \(epochsCompleted)")
        switch precision {
        case .float:
            if let index = parameters.firstIndex(where: { !Float($0).isFinite }) { throw .nonFiniteParameter(path: path, index: index) }
        case .double:
            if let index = parameters.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteParameter(path: path, index: index) }
        }
        var bytes = Self.magic
        bytes.appendLittleEndian(Self.version)
        bytes.append(UInt8(precision.byteCount))
        bytes.append(model.weightsFileCode)
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
        guard let version = reader.read(UInt16.self), version == 1 || version == Self.version else { throw .notAWeightsFile(path: path) }
        guard bytes.count >= 8 + 8 else { throw .corrupt(path: path, reason: "the header is cut short") }
        let stored = bytes.suffix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard Self.checksum(bytes.dropLast(8)) == stored else {
            throw .corrupt(path: path, reason: "checksum mismatch (the file was truncated or altered)")
        }
        guard let scalarSize = reader.read(UInt8.self), let precision = Precision.allCases.first(where: { $0.byteCount == Int(scalarSize) }) else {
            throw .corrupt(path: path, reason: "unknown scalar size")
        }
        var model = ModelKind.mlp
        if version >= 2 {
            guard let code = reader.read(UInt8.self), let kind = ModelKind(weightsFileCode: code) else {
                throw .corrupt(path: path, reason: "unknown model")
            }
            model = kind
        }
        guard let code = reader.read(UInt8.self), let activation = Activation(weightsFileCode: code) else {
            throw .corrupt(path: path, reason: "unknown activation")
        }
        guard let epochs = reader.read(UInt32.self), let layerCount = reader.read(UInt32.self),
              (2...UInt32(TrainingLimits.maximumLayerCount)).contains(layerCount)
        else {
            throw .corrupt(path: path, reason: "bad layer count")
        }
        var sizes: [Int] = []
        for _ in 0..<layerCount {
            guard let size = reader.read(UInt32.self), size > 0 else { throw .corrupt(path: path, reason: "bad layer width") }
            guard size <= TrainingLimits.maximumLayerWidth else {
                throw .corrupt(path: path, reason: "layer width \(size) is more than the \(TrainingLimits.maximumLayerWidth) allowed")
            }
            sizes.append(Int(size))
        }
        if model == .cnn {
            guard sizes == Self.cnnWidths else {
                throw .corrupt(path: path, reason: "a CNN file must have the widths \(Self.cnnWidths) (source 004's SimpleCNN), not \(sizes)")
            }
            guard activation == .relu else { throw .corrupt(path: path, reason: "a CNN file must use relu, not \(activation.trainingName)") }
        }
        guard let expected = model == .cnn ? ConvolutionalLayout.parameterCount : TrainingLimits.parameterCount(layerSizes: sizes),
              expected <= TrainingLimits.maximumParameterCount
        else {
            throw .corrupt(path: path, reason: "the layer widths \(sizes) make more than the \(TrainingLimits.maximumParameterCount) parameters allowed")
        }
        // `expected` is at most 2³¹, so these products cannot overflow.
        guard let count = reader.read(UInt64.self), count == UInt64(expected),
              reader.remaining == expected * precision.byteCount + 8
        else {
            throw .corrupt(path: path, reason: "the parameter count does not match the \(model == .cnn ? "CNN's" : "layer widths \(sizes)")")
        }
        var values: [Double] = []
        values.reserveCapacity(expected)
        for index in 0..<expected {
            let value = switch precision {
            case .float: Double(Float(bitPattern: reader.read(UInt32.self)!))
            case .double: Double(bitPattern: reader.read(UInt64.self)!)
            }
            guard value.isFinite else { throw .nonFiniteParameter(path: path, index: index) }
            values.append(value)
        }
        self.init(model: model, layerSizes: sizes, activation: activation, precision: precision, epochsCompleted: Int(epochs), parameters: values)
    }

    /// Reads the file at `url`.
    public init(contentsOf url: URL) throws(WeightsFileError) {
        guard FileManager.default.fileExists(atPath: url.path) else { throw .missing(path: url.path) }
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .io(path: url.path, reason: error.localizedDescription) }
        try self.init(decoding: [UInt8](data), path: url.path)
    }

    /// Checks, before any training, that `url` may receive a weights file: it is not a folder, it
    /// does not exist yet or already holds a weights file (anything else is a user's file, which
    /// `--save` must never replace), and `write(to:)` can create its temporary file next to it
    /// (one is created and removed).
    public static func checkReplaceable(_ url: URL) throws(WeightsFileError) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) {
            guard !isFolder.boolValue else { throw .io(path: url.path, reason: "is a folder: give --save a file name") }
            do {
                _ = try WeightsFile(contentsOf: url)
            } catch .notAWeightsFile, .corrupt {
                throw .io(path: url.path, reason: "exists and is not a weights file; it was left alone: choose another file for --save")
            } catch .nonFiniteParameter {
                // A weights file all the same (written before non-finite weights were refused).
            }
        }
        if let problem = FolderProbe.problem(creating: temporaryURL(for: url)) { throw .io(path: url.path, reason: problem) }
    }

    /// The temporary file `write(to:)` writes before renaming it over `url`.
    static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    }

    /// Writes the file atomically: the bytes go to a temporary file in the same folder, which is
    /// flushed to disk and then renamed over `url`, so a crash leaves either the old file or the new one.
    ///
    /// - Throws: `WeightsFileError.nonFiniteParameter` (nothing is written) when a parameter is not
    ///   finite; `.io` when the file cannot be written.
    public func write(to url: URL) throws(WeightsFileError) {
        let bytes = try encoded(path: url.path)
        let temporary = Self.temporaryURL(for: url)
        do {
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw WeightsFileError.io(path: url.path, reason: "cannot create \(temporary.path)")
            }
            let handle = try FileHandle(forWritingTo: temporary)
            do {
                try handle.write(contentsOf: bytes)
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
