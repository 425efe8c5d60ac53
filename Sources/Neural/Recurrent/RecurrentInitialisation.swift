import Foundation

/// PyTorch's initialisation of its recurrent cells: everything uniform in `±1/√hidden`.
enum RecurrentInitialisation {
    static func uniform(inputs: Int, hidden: Int, gates: Int, generator: inout SeededGenerator)
        -> (ih: Tensor, hh: Tensor, bih: Tensor, bhh: Tensor)
    {
        let bound = 1 / Foundation.sqrt(Double(hidden))
        func draw(_ shape: [Int]) -> Tensor {
            let count = shape.reduce(1, *)
            return Tensor(shape: shape, elements: (0..<count).map { _ in generator.nextUniform(in: -bound, bound) })
        }
        return (draw([inputs, gates * hidden]), draw([hidden, gates * hidden]), draw([gates * hidden]), draw([gates * hidden]))
    }
}
