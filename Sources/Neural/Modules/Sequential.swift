/// Modules applied in order, as `nn.Sequential`.
public final class Sequential: Module {
    /// The modules, first to last.
    public let modules: [any Module]

    /// The modules, applied in the order given.
    public init(_ modules: [any Module]) {
        self.modules = modules
    }

    /// The modules, applied in the order given.
    public convenience init(_ modules: any Module...) {
        self.init(modules)
    }

    public var parameters: [Tensor] { modules.flatMap(\.parameters) }

    public var isTraining: Bool {
        get { modules.first?.isTraining ?? true }
        set { modules.forEach { $0.isTraining = newValue } }
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        modules.reduce(input) { $1($0) }
    }
}
