/// An Elman recurrent cell with tanh, as PyTorch's `nn.RNNCell`:
/// `h′ = tanh(x·W_ih + b_ih + h·W_hh + b_hh)`, on a batch `x` of shape `[samples, inputs]` and a
/// hidden state `h` of shape `[samples, hidden]`.
///
/// The weights are stored `[inputs, hidden]` and `[hidden, hidden]`, the book's `x·W` convention;
/// PyTorch's `weight_ih` and `weight_hh` are their transposes.
public final class RNNCell: RecurrentCell {
    /// `W_ih`, shape `[inputs, hidden]`.
    public let weightIH: Tensor
    /// `W_hh`, shape `[hidden, hidden]`.
    public let weightHH: Tensor
    /// `b_ih`, shape `[hidden]`.
    public let biasIH: Tensor
    /// `b_hh`, shape `[hidden]`.
    public let biasHH: Tensor

    /// A cell with the given weights and biases; all are made to require gradients.
    public init(weightIH: Tensor, weightHH: Tensor, biasIH: Tensor, biasHH: Tensor) {
        _ = RecurrentInitialisation.prepare("RNNCell", gates: 1, weightIH: weightIH, weightHH: weightHH, biasIH: biasIH, biasHH: biasHH)
        (self.weightIH, self.weightHH, self.biasIH, self.biasHH) = (weightIH, weightHH, biasIH, biasHH)
    }

    /// A cell drawn as PyTorch draws one: every weight and bias uniform in `[−1/√hidden, 1/√hidden]`.
    public convenience init(inputs: Int, hidden: Int, generator: inout SeededGenerator) {
        let weights = RecurrentInitialisation.uniform(inputs: inputs, hidden: hidden, gates: 1, generator: &generator)
        self.init(weightIH: weights.ih, weightHH: weights.hh, biasIH: weights.bih, biasHH: weights.bhh)
    }

    /// `[W_ih, W_hh, b_ih, b_hh]`.
    public var parameters: [Tensor] { [weightIH, weightHH, biasIH, biasHH] }

    /// One step: the next hidden state from the input `x` and the hidden state `h`.
    public func callAsFunction(_ input: Tensor, hidden: Tensor) -> Tensor {
        (input.matmul(weightIH) + biasIH + hidden.matmul(weightHH) + biasHH).tanh()
    }

    /// One step as ``RecurrentCell`` names it: the next state from the input and the state.
    public func step(_ input: Tensor, state: Tensor) -> Tensor { self(input, hidden: state) }
}
