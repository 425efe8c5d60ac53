/// A weights file that cannot be used; every case names the file.
public enum WeightsFileError: Error, Equatable, CustomStringConvertible {
    /// The file does not exist.
    case missing(path: String)
    /// The file could not be read or written.
    case io(path: String, reason: String)
    /// The file is not a weights file of this program (wrong magic or version).
    case notAWeightsFile(path: String)
    /// The file is shorter or longer than its header says, or its checksum does not match.
    case corrupt(path: String, reason: String)
    /// The file's network is not the one asked for.
    case mismatch(path: String, reason: String)
    /// Parameter `index` (in the `TrainingNetwork` layout) is NaN or infinite: such weights are
    /// neither written nor read.
    case nonFiniteParameter(path: String, index: Int)

    /// A one-line explanation that names the file.
    public var description: String {
        switch self {
        case let .missing(path): "\(path): no such weights file"
        case let .io(path, reason): "\(path): \(reason)"
        case let .notAWeightsFile(path): "\(path): not a weights file (wrong magic number or version)"
        case let .corrupt(path, reason): "\(path): corrupt weights file: \(reason)"
        case let .mismatch(path, reason): "\(path): \(reason)"
        case let .nonFiniteParameter(path, index):
            "\(path): parameter \(index) is not a finite number (NaN or infinite); weights files hold finite parameters only"
        }
    }
}
