/// What the recurrent cells share: a list of parameters, and what follows from it. A cell is not a
/// ``Module``, whose forward pass takes one tensor: a step takes the input and the state.
public protocol RecurrentCell: AnyObject {
    /// The parameters an optimizer updates, in a fixed order: `[W_ih, W_hh, b_ih, b_hh]`.
    var parameters: [Tensor] { get }
}

extension RecurrentCell {
    /// The number of trainable numbers, `Σ` of the parameters' element counts.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }
    /// Forgets every parameter's gradient.
    public func zeroGrad() { parameters.forEach { $0.zeroGrad() } }
}
