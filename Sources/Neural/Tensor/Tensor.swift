/// An n-dimensional array of `Double`s in row-major order, with reverse-mode automatic
/// differentiation: operations on tensors that require gradients record the graph that made them,
/// and `backward()` fills the `grad` of every tensor in it, as PyTorch's autograd does.
///
/// ```swift
/// let w = Tensor([[0.5, -1], [2, 0.25]], requiresGrad: true)
/// let x = Tensor([[1, 2]])
/// let loss = x.matmul(w).relu().sum()
/// loss.backward()
/// w.grad      // ∂loss/∂w
/// ```
///
/// A tensor is a reference: the graph holds the tensors that made each result, and an optimizer
/// updates a parameter in place. The element at index `(i₀, …, iₙ₋₁)` is
/// `elements[Σₖ iₖ·stridesₖ]` with `stridesₖ = Πⱼ₌ₖ₊₁ shapeⱼ`. A tensor of shape `[]` is a scalar.
public final class Tensor: @unchecked Sendable {
    /// The size of each dimension.
    public let shape: [Int]
    /// The elements in row-major order; an optimizer changes them in place.
    public var elements: [Double] {
        didSet {
            precondition(elements.count == oldValue.count, "Tensor.elements: \(elements.count) elements cannot replace \(oldValue.count) of shape \(shape)")
        }
    }
    /// Whether `backward()` computes `∂/∂self`, and operations on `self` record the graph.
    public var requiresGrad: Bool
    /// `∂(the tensor backward() started from)/∂self`, summed over every `backward()` since the last
    /// `zeroGrad()` (PyTorch's accumulation), or nil before the first.
    public var grad: Tensor?
    /// The operation that made this tensor, `"leaf"` for one made from numbers.
    public let operation: String
    /// The tensors this one was computed from, when the graph was recorded.
    public private(set) var inputs: [Tensor]
    /// Given `∂L/∂self`, the gradients with respect to each of `inputs` (nil for one that does not need it).
    private(set) var backwardFunction: ((Tensor) -> [Tensor?])?

    /// A tensor of `shape` holding `elements` in row-major order.
    ///
    /// - Precondition: `elements.count` is the product of `shape`, and no dimension is negative.
    public init(shape: [Int], elements: [Double], requiresGrad: Bool = false) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: a shape cannot have a negative dimension, got \(shape)")
        precondition(
            elements.count == shape.reduce(1, *),
            "Tensor: \(elements.count) elements cannot fill shape \(shape) (which holds \(shape.reduce(1, *)))")
        self.shape = shape
        self.elements = elements
        self.requiresGrad = requiresGrad
        operation = "leaf"
        inputs = []
        backwardFunction = nil
    }

    /// Releasing a graph the default way recurses (each tensor releases its inputs, which release
    /// theirs, …), which overflows the stack for a deep graph; instead, the inputs only this tensor
    /// holds are unlinked one at a time, each with the closure that also captures its own inputs.
    deinit {
        guard !inputs.isEmpty else { return }
        var pending = inputs
        inputs = []
        backwardFunction = nil
        while var tensor = pending.popLast() {
            guard isKnownUniquelyReferenced(&tensor) else { continue }
            pending += tensor.inputs
            tensor.inputs = []
            tensor.backwardFunction = nil
        }
    }

    /// The result of an operation: records `inputs` and `backward` when gradient recording is on and
    /// some input requires a gradient.
    init(shape: [Int], elements: [Double], operation: String, inputs: [Tensor], backward: @escaping (Tensor) -> [Tensor?]) {
        self.shape = shape
        self.elements = elements
        let records = Tensor.isRecording && inputs.contains { $0.requiresGrad }
        requiresGrad = records
        self.operation = records ? operation : "leaf"
        self.inputs = records ? inputs : []
        backwardFunction = records ? backward : nil
    }

    /// A scalar tensor (shape `[]`).
    public convenience init(_ value: Double, requiresGrad: Bool = false) {
        self.init(shape: [], elements: [value], requiresGrad: requiresGrad)
    }

    /// A vector (shape `[n]`).
    public convenience init(_ values: [Double], requiresGrad: Bool = false) {
        self.init(shape: [values.count], elements: values, requiresGrad: requiresGrad)
    }

    /// A matrix (shape `[rows, columns]`) from its rows.
    ///
    /// - Precondition: every row has the same length.
    public convenience init(_ rows: [[Double]], requiresGrad: Bool = false) {
        let columns = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == columns }, "Tensor: rows of different lengths \(rows.map(\.count))")
        self.init(shape: [rows.count, columns], elements: rows.flatMap { $0 }, requiresGrad: requiresGrad)
    }

    /// A 3-D tensor (shape `[a, b, c]`) from nested arrays.
    ///
    /// - Precondition: the nesting is rectangular.
    public convenience init(_ blocks: [[[Double]]], requiresGrad: Bool = false) {
        let rows = blocks.first?.count ?? 0
        let columns = blocks.first?.first?.count ?? 0
        precondition(
            blocks.allSatisfy { $0.count == rows && $0.allSatisfy { $0.count == columns } },
            "Tensor: a nested array that is not rectangular")
        self.init(shape: [blocks.count, rows, columns], elements: blocks.flatMap { $0.flatMap { $0 } }, requiresGrad: requiresGrad)
    }

    /// The 2-D tensor holding `matrix`.
    public convenience init(_ matrix: Matrix, requiresGrad: Bool = false) {
        self.init(shape: [matrix.rows, matrix.columns], elements: matrix.elements, requiresGrad: requiresGrad)
    }

    /// A tensor of `shape` filled with `value`.
    public static func full(_ shape: [Int], _ value: Double, requiresGrad: Bool = false) -> Tensor {
        Tensor(shape: shape, elements: Array(repeating: value, count: shape.reduce(1, *)), requiresGrad: requiresGrad)
    }

    /// Zeros of `shape`.
    public static func zeros(_ shape: [Int], requiresGrad: Bool = false) -> Tensor { full(shape, 0, requiresGrad: requiresGrad) }

    /// Ones of `shape`.
    public static func ones(_ shape: [Int], requiresGrad: Bool = false) -> Tensor { full(shape, 1, requiresGrad: requiresGrad) }

    /// Samples of `N(mean, standardDeviation²)` drawn from `generator` in row-major order.
    public static func randn(
        _ shape: [Int], mean: Double = 0, standardDeviation: Double = 1, using generator: inout SeededGenerator,
        requiresGrad: Bool = false
    ) -> Tensor {
        let count = shape.reduce(1, *)
        return Tensor(
            shape: shape, elements: (0..<count).map { _ in generator.nextGaussian(mean: mean, standardDeviation: standardDeviation) },
            requiresGrad: requiresGrad)
    }

    /// One-hot rows: shape `[indices.count, classes]`, a 1 at `(i, indices[i])`.
    ///
    /// - Precondition: every index is in `0..<classes`.
    public static func oneHot(_ indices: [Int], classes: Int) -> Tensor {
        var elements = Array(repeating: 0.0, count: indices.count * classes)
        for (row, index) in indices.enumerated() {
            precondition((0..<classes).contains(index), "Tensor.oneHot: class index \(index) is not in 0..<\(classes)")
            elements[row * classes + index] = 1
        }
        return Tensor(shape: [indices.count, classes], elements: elements)
    }

    /// The number of dimensions.
    public var rank: Int { shape.count }
    /// The number of elements, the product of `shape`.
    public var count: Int { elements.count }

    /// The only element of a one-element tensor.
    ///
    /// - Precondition: `count == 1`.
    public var item: Double {
        precondition(count == 1, "Tensor.item: a tensor of shape \(shape) holds \(count) elements, not one")
        return elements[0]
    }

    /// The row-major strides: how far apart consecutive indices of each dimension are in `elements`.
    public var strides: [Int] { Self.strides(of: shape) }

    static func strides(of shape: [Int]) -> [Int] {
        var strides = Array(repeating: 1, count: shape.count)
        var step = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = step
            step *= shape[axis]
        }
        return strides
    }

    /// The element at `indices`, one per dimension.
    public subscript(indices: Int...) -> Double {
        precondition(indices.count == rank, "Tensor: \(indices.count) indices for a tensor of shape \(shape)")
        var offset = 0
        for (axis, index) in indices.enumerated() {
            precondition((0..<shape[axis]).contains(index), "Tensor: index \(index) is out of range for dimension \(axis) of shape \(shape)")
            offset += index * strides[axis]
        }
        return elements[offset]
    }

    /// A 2-D tensor as a `Matrix`.
    ///
    /// - Precondition: `rank == 2`.
    public var matrix: Matrix {
        precondition(rank == 2, "Tensor.matrix: shape \(shape) is not two-dimensional")
        return Matrix(rows: shape[0], columns: shape[1], elements: elements)
    }

    /// The elements as nested arrays for a 2-D tensor's rows.
    public var rowArrays: [[Double]] { matrix.rowArrays }

    /// Normalises an axis that may count from the end (`-1` is the last).
    func axis(_ axis: Int, _ function: String) -> Int {
        let resolved = axis < 0 ? axis + rank : axis
        precondition((0..<Swift.max(rank, 1)).contains(resolved), "Tensor.\(function): axis \(axis) is out of range for shape \(shape)")
        return resolved
    }
}
