/// One layer of a `NetworkDiagram`: how many nodes, a name, and optionally a value per node.
public struct NetworkLayer: Sendable, Equatable {
    /// The number of nodes.
    public var count: Int
    /// The name written under the layer ("input", "hidden", "output"); empty for none.
    public var name: String
    /// A value per node written inside it (an activation, say); nil for none. Values that are not finite are not written.
    public var values: [Double]?

    /// A layer of `count` nodes.
    public init(count: Int, name: String = "", values: [Double]? = nil) {
        self.count = Swift.max(0, count)
        self.name = name
        self.values = values
    }
}
