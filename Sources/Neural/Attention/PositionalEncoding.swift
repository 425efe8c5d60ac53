import Foundation

/// The sinusoidal positional encodings of "Attention Is All You Need", shape `[length, dimension]`:
///
///     PE[p, 2i] = sin(p / 10000^(2i/D))   PE[p, 2i+1] = cos(p / 10000^(2i/D))
///
/// Each pair of columns is a rotation at its own frequency, so the encoding of position `p + k` is
/// a fixed linear function of that of `p`. Added to the token embeddings, not learned.
public func sinusoidalPositionalEncoding(length: Int, dimension: Int) -> Tensor {
    precondition(length >= 0 && dimension >= 1, "sinusoidalPositionalEncoding: length \(length) and dimension \(dimension) must be non-negative and positive")
    var elements = Array(repeating: 0.0, count: length * dimension)
    for p in 0..<length {
        for column in 0..<dimension {
            let frequency = Foundation.pow(10000, -Double(column - column % 2) / Double(dimension))
            let angle = Double(p) * frequency
            elements[p * dimension + column] = column % 2 == 0 ? Foundation.sin(angle) : Foundation.cos(angle)
        }
    }
    return Tensor(shape: [length, dimension], elements: elements)
}
