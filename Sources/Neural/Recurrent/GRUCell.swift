/// A gated recurrent unit, as PyTorch's `nn.GRUCell`. With `a = x·W_ih + b_ih` and
/// `b = h·W_hh + b_hh`, each split into three blocks of `hidden` columns in PyTorch's order, reset,
/// update and new:
///
///     r = σ(a₀ + b₀)   z = σ(a₁ + b₁)   n = tanh(a₂ + r ⊙ b₂)
///     h′ = (1 − z) ⊙ n + z ⊙ h
///
/// The reset gate multiplies `h·W_hn + b_hn` (bias included), PyTorch's convention. The weights are
/// stored `[inputs, 3·hidden]` and `[hidden, 3·hidden]` (PyTorch's transposes).
public final class GRUCell: RecurrentCell {
    /// `W_ih`, shape `[inputs, 3·hidden]`, blocks `r, z, n`.
    public let weightIH: Tensor
    /// `W_hh`, shape `[hidden, 3·hidden]`.
    public let weightHH: Tensor
    /// `b_ih`, shape `[3·hidden]`.
    public let biasIH: Tensor
    /// `b_hh`, shape `[3·hidden]`.
    public let biasHH: Tensor
    /// The size of `h`.
    public let hiddenSize: Int

    /// A cell with the given weights and biases; all are made to require gradients.
    public init(weightIH: Tensor, weightHH: Tensor, biasIH: Tensor, biasHH: Tensor) {
        hiddenSize = RecurrentInitialisation.prepare("GRUCell", gates: 3, weightIH: weightIH, weightHH: weightHH, biasIH: biasIH, biasHH: biasHH)
        (self.weightIH, self.weightHH, self.biasIH, self.biasHH) = (weightIH, weightHH, biasIH, biasHH)
    }

    /// A cell drawn as PyTorch draws one: everything uniform in `[−1/√hidden, 1/√hidden]`.
    public convenience init(inputs: Int, hidden: Int, generator: inout SeededGenerator) {
        let weights = RecurrentInitialisation.uniform(inputs: inputs, hidden: hidden, gates: 3, generator: &generator)
        self.init(weightIH: weights.ih, weightHH: weights.hh, biasIH: weights.bih, biasHH: weights.bhh)
    }

    /// `[W_ih, W_hh, b_ih, b_hh]`.
    public var parameters: [Tensor] { [weightIH, weightHH, biasIH, biasHH] }

    /// The gates of one step, each `[samples, hidden]`: reset `r`, update `z` and the new candidate `n`.
    public func gates(_ input: Tensor, hidden: Tensor) -> (reset: Tensor, update: Tensor, candidate: Tensor) {
        let a = input.matmul(weightIH) + biasIH, b = hidden.matmul(weightHH) + biasHH
        let h = hiddenSize
        func block(_ t: Tensor, _ k: Int) -> Tensor { t.slice(axis: -1, (k * h)..<((k + 1) * h)) }
        let reset = (block(a, 0) + block(b, 0)).sigmoid()
        let update = (block(a, 1) + block(b, 1)).sigmoid()
        return (reset, update, (block(a, 2) + reset * block(b, 2)).tanh())
    }

    /// One step: the next hidden state from the input `x` and the hidden state `h`.
    public func callAsFunction(_ input: Tensor, hidden: Tensor) -> Tensor {
        let gate = gates(input, hidden: hidden)
        return (1 - gate.update) * gate.candidate + gate.update * hidden
    }

    /// One step as ``RecurrentCell`` names it: the next state from the input and the state.
    public func step(_ input: Tensor, state: Tensor) -> Tensor { self(input, hidden: state) }
}
