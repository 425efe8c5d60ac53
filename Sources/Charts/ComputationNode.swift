/// One node of a `ComputationGraph`: a named value, the operation that computes it from its
/// inputs, and the gradient of the loss with respect to it.
public struct ComputationNode: Sendable, Equatable {
    /// The node's name, unique in its graph: "a", "z₁", "L".
    public var name: String
    /// The operation computing it, written at the top of its box ("×", "+", "σ", "max(0, ·)");
    /// empty for an input.
    public var operation: String
    /// The value of the forward pass, written as "a = 2.0"; nil (or not finite) for none.
    public var value: Double?
    /// The gradient of the loss with respect to the node, written as "∂L/∂a = −3.0"; nil (or not finite) for none.
    public var gradient: Double?
    /// The names of the nodes it is computed from, in order (a name may repeat: `a × a`).
    public var inputs: [String]

    /// A node.
    public init(name: String, operation: String = "", value: Double? = nil, gradient: Double? = nil, inputs: [String] = []) {
        self.name = name
        self.operation = operation
        self.value = value
        self.gradient = gradient
        self.inputs = inputs
    }
}
