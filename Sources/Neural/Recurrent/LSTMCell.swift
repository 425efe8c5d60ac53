/// The state an LSTM carries from step to step: the hidden state `h` and the cell state `c`, each
/// of shape `[samples, hidden]`.
public struct LSTMState {
    /// `h`, what the cell outputs.
    public var hidden: Tensor
    /// `c`, the memory the gates write to and read from.
    public var cell: Tensor

    /// A state from its two parts.
    public init(hidden: Tensor, cell: Tensor) {
        self.hidden = hidden
        self.cell = cell
    }
}

/// A long short-term memory cell, as PyTorch's `nn.LSTMCell`. With
/// `a = x·W_ih + b_ih + h·W_hh + b_hh` split into four blocks of `hidden` columns in PyTorch's
/// order, input, forget, cell and output gate:
///
///     i = σ(a₀)   f = σ(a₁)   g = tanh(a₂)   o = σ(a₃)
///     c′ = f ⊙ c + i ⊙ g      h′ = o ⊙ tanh(c′)
///
/// The weights are stored `[inputs, 4·hidden]` and `[hidden, 4·hidden]` (PyTorch's transposes).
/// The cell state is updated by addition, which is why gradients survive many steps.
public final class LSTMCell: RecurrentCell {
    /// `W_ih`, shape `[inputs, 4·hidden]`, blocks `i, f, g, o`.
    public let weightIH: Tensor
    /// `W_hh`, shape `[hidden, 4·hidden]`.
    public let weightHH: Tensor
    /// `b_ih`, shape `[4·hidden]`.
    public let biasIH: Tensor
    /// `b_hh`, shape `[4·hidden]`.
    public let biasHH: Tensor
    /// The size of `h` and `c`.
    public let hiddenSize: Int

    /// A cell with the given weights and biases; all are made to require gradients.
    public init(weightIH: Tensor, weightHH: Tensor, biasIH: Tensor, biasHH: Tensor) {
        hiddenSize = RecurrentInitialisation.prepare("LSTMCell", gates: 4, weightIH: weightIH, weightHH: weightHH, biasIH: biasIH, biasHH: biasHH)
        (self.weightIH, self.weightHH, self.biasIH, self.biasHH) = (weightIH, weightHH, biasIH, biasHH)
    }

    /// A cell drawn as PyTorch draws one: everything uniform in `[−1/√hidden, 1/√hidden]`.
    public convenience init(inputs: Int, hidden: Int, generator: inout SeededGenerator) {
        let weights = RecurrentInitialisation.uniform(inputs: inputs, hidden: hidden, gates: 4, generator: &generator)
        self.init(weightIH: weights.ih, weightHH: weights.hh, biasIH: weights.bih, biasHH: weights.bhh)
    }

    /// `[W_ih, W_hh, b_ih, b_hh]`.
    public var parameters: [Tensor] { [weightIH, weightHH, biasIH, biasHH] }

    /// The four gates of one step, each `[samples, hidden]`: input `i`, forget `f`, candidate `g`
    /// and output `o`, after their sigmoid or tanh.
    public func gates(_ input: Tensor, state: LSTMState) -> (input: Tensor, forget: Tensor, candidate: Tensor, output: Tensor) {
        let a = input.matmul(weightIH) + biasIH + state.hidden.matmul(weightHH) + biasHH
        let h = hiddenSize
        return (
            a.slice(axis: -1, 0..<h).sigmoid(), a.slice(axis: -1, h..<(2 * h)).sigmoid(),
            a.slice(axis: -1, (2 * h)..<(3 * h)).tanh(), a.slice(axis: -1, (3 * h)..<(4 * h)).sigmoid()
        )
    }

    /// One step: the next state from the input `x` and the state `(h, c)`.
    public func callAsFunction(_ input: Tensor, state: LSTMState) -> LSTMState {
        let gate = gates(input, state: state)
        let cell = gate.forget * state.cell + gate.input * gate.candidate
        return LSTMState(hidden: gate.output * cell.tanh(), cell: cell)
    }

    /// One step as ``RecurrentCell`` names it: the next state from the input and the state.
    public func step(_ input: Tensor, state: LSTMState) -> LSTMState { self(input, state: state) }
}
