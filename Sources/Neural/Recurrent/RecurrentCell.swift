/// What the recurrent cells share: a step and a list of parameters, and what follows from them. A cell is not a
/// ``Module``, whose forward pass takes one tensor: a step takes the input and the state.
public protocol RecurrentCell: AnyObject {
    /// What the cell carries from step to step: the hidden state `h`, or an LSTM's `(h, c)`.
    associatedtype State
    /// The parameters an optimizer updates, in a fixed order: `[W_ih, W_hh, b_ih, b_hh]`.
    var parameters: [Tensor] { get }
    /// One step: the next state from the input `x` (`[samples, inputs]`) and the state.
    func step(_ input: Tensor, state: State) -> State
}

extension RecurrentCell {
    /// The number of trainable numbers, `Σ` of the parameters' element counts.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }
    /// Forgets every parameter's gradient.
    public func zeroGrad() { parameters.forEach { $0.zeroGrad() } }

    /// The states after each input of `sequence`, from `initial`: the recurrence unrolled over time,
    /// one graph whose steps share the cell's weights (what backpropagation through time runs on).
    public func unrolled(over sequence: [Tensor], initial: State) -> [State] {
        var state = initial
        return sequence.map { input in
            state = step(input, state: state)
            return state
        }
    }
}
