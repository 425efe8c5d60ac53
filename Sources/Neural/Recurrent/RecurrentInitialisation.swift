import Foundation

/// PyTorch's initialisation of its recurrent cells: everything uniform in `±1/√hidden`.
enum RecurrentInitialisation {
    /// Checks that a cell's four parameters fit `gates` gates (`[inputs, g·hidden]`,
    /// `[hidden, g·hidden]`, `[g·hidden]` twice), makes them require gradients and returns `hidden`.
    static func prepare(_ cell: String, gates: Int, weightIH: Tensor, weightHH: Tensor, biasIH: Tensor, biasHH: Tensor) -> Int {
        let hidden = weightHH.shape.first ?? 0
        let g = gates == 1 ? "" : "\(gates)·"
        precondition(
            weightIH.rank == 2 && weightIH.shape[1] == gates * hidden && weightHH.shape == [hidden, gates * hidden]
                && biasIH.shape == [gates * hidden] && biasHH.shape == [gates * hidden],
            "\(cell): weights \(weightIH.shape), \(weightHH.shape) and biases \(biasIH.shape), \(biasHH.shape) do not fit ([inputs, \(g)hidden], [hidden, \(g)hidden], [\(g)hidden], [\(g)hidden])")
        for parameter in [weightIH, weightHH, biasIH, biasHH] { parameter.requiresGrad = true }
        return hidden
    }

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
