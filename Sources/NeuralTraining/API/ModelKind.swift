/// Which network a training run trains and a weights file holds.
public enum ModelKind: String, CaseIterable, Sendable, CustomStringConvertible {
    /// A fully connected network `[n₀, …, n_L]` (`TrainingNetwork`): hidden layers `f(a·W + b)`,
    /// softmax output; the sources' `[784, 256, 128, 10]` by default.
    case mlp
    /// Source 004's SimpleCNN (`ConvolutionalNetwork`), PyTorch semantics on `1 × 28 × 28` images:
    /// conv 1→32 3×3, ReLU, max-pool 2, conv 32→64 3×3, ReLU, max-pool 2, flatten (1600),
    /// linear 1600→128, ReLU, linear 128→10, softmax cross-entropy; 225 034 parameters.
    case cnn

    /// The model's name in `workbook train --model` and its messages, `mlp` or `cnn`.
    public var description: String { rawValue }

    /// The one-byte code of the model in weights files (version 2): 1 for `mlp`, 2 for `cnn`.
    var weightsFileCode: UInt8 { self == .mlp ? 1 : 2 }

    /// The model with weights-file code `code`, or nil.
    init?(weightsFileCode code: UInt8) {
        switch code {
        case 1: self = .mlp
        case 2: self = .cnn
        default: return nil
        }
    }
}
