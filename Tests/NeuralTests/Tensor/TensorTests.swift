import Foundation
import Testing
@testable import Neural

@Suite("Tensor")
struct TensorTests {
    // MARK: Construction and indexing

    @Test func initializersGiveShapesAndRowMajorElements() {
        let scalar = Tensor(2.5)
        #expect(scalar.shape == [] && scalar.rank == 0 && scalar.count == 1 && scalar.item == 2.5)
        let vector = Tensor([1, 2, 3])
        #expect(vector.shape == [3] && vector.rank == 1)
        let matrix = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(matrix.shape == [2, 3] && matrix.elements == [1, 2, 3, 4, 5, 6])
        let blocks = Tensor([[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]]])
        #expect(blocks.shape == [2, 3, 2] && blocks.elements == (1...12).map(Double.init))
        let fromMatrix = Tensor(Matrix([[1, 2], [3, 4]]), requiresGrad: true)
        #expect(fromMatrix.shape == [2, 2] && fromMatrix.requiresGrad && fromMatrix.operation == "leaf")
        #expect(!matrix.requiresGrad && matrix.grad == nil && matrix.inputs.isEmpty)
        let empty = Tensor(shape: [2, 0], elements: [])
        #expect(empty.count == 0 && empty.rank == 2)
    }

    @Test func filledTensorsAndOneHot() {
        #expect(Tensor.zeros([2, 3]).elements == Array(repeating: 0, count: 6))
        #expect(Tensor.ones([4]).elements == [1, 1, 1, 1])
        let full = Tensor.full([2, 2], -0.5, requiresGrad: true)
        #expect(full.shape == [2, 2] && full.elements == [-0.5, -0.5, -0.5, -0.5] && full.requiresGrad)
        #expect(Tensor.zeros([]).shape == [] && Tensor.zeros([]).count == 1)
        let hot = Tensor.oneHot([2, 0, 1], classes: 3)
        #expect(hot.shape == [3, 3] && hot.rowArrays == [[0, 0, 1], [1, 0, 0], [0, 1, 0]])
        #expect(hot.matrix == oneHotEncode([2, 0, 1], classCount: 3))
    }

    @Test func randnDrawsTheGeneratorsGaussiansInRowMajorOrder() {
        var a = SeededGenerator(seed: 7)
        var b = SeededGenerator(seed: 7)
        let t = Tensor.randn([2, 3], mean: 1, standardDeviation: 0.5, using: &a, requiresGrad: true)
        #expect(t.shape == [2, 3] && t.requiresGrad)
        #expect(t.elements == (0..<6).map { _ in b.nextGaussian(mean: 1, standardDeviation: 0.5) })
        #expect(a == b)
    }

    @Test func stridesSubscriptAndMatrixViews() {
        let t = Tensor(shape: [2, 3, 4], elements: (0..<24).map(Double.init))
        #expect(t.strides == [12, 4, 1])
        #expect(t[1, 2, 3] == 23 && t[0, 1, 2] == 6 && t[1, 0, 0] == 12)
        #expect(Tensor(3).strides == [])
        #expect(Tensor(3)[] == 3)
        let m = Tensor([[1, 2], [3, 4], [5, 6]])
        #expect(m.matrix == Matrix([[1, 2], [3, 4], [5, 6]]))
        #expect(m.rowArrays == [[1, 2], [3, 4], [5, 6]])
        #expect(m[2, 1] == 6)
    }

    @Test func argmaxTakesTheFirstLargestOfEachRow() {
        #expect(Tensor([[1, 5, 5], [7, 2, 3], [0, 0, 0]]).argmax() == [1, 0, 0])
        #expect(Tensor([0.5, 2, -1]).argmax() == [1])
        #expect(Tensor([[1, 5, 5], [7, 2, 3]]).argmax() == Matrix([[1, 5, 5], [7, 2, 3]]).argmax())
    }

    @Test func hasSameElementsComparesShapeAndElementsOnly() {
        let a = Tensor([[1, 2], [3, 4]], requiresGrad: true)
        #expect(a.hasSameElements(as: Tensor([[1, 2], [3, 4]])))
        #expect(!a.hasSameElements(as: Tensor([1, 2, 3, 4])))
        #expect(!a.hasSameElements(as: Tensor([[1, 2], [3, 5]])))
        #expect((a * 1).hasSameElements(as: a))
    }

    @Test func elementsCanBeReplacedInPlace() {
        let p = Tensor([1, 2, 3], requiresGrad: true)
        p.elements = [4, 5, 6]
        p.elements[1] = -1
        #expect(p.elements == [4, -1, 6] && p.requiresGrad)
    }

    // MARK: Broadcasting

    @Test(arguments: [
        ([2, 3], [3], [2, 3]), ([3], [2, 3], [2, 3]), ([2, 1], [1, 3], [2, 3]), ([4, 1, 3], [2, 1], [4, 2, 3]),
        ([], [2, 3], [2, 3]), ([2, 3], [], [2, 3]), ([1], [5], [5]), ([2, 3], [2, 3], [2, 3]), ([0, 3], [3], [0, 3]),
    ] as [([Int], [Int], [Int])])
    func broadcastShapesFollowNumPy(_ a: [Int], _ b: [Int], _ expected: [Int]) {
        #expect(Broadcasting.shape(a, b, "test") == expected)
    }

    @Test func broadcastOffsetsAndTheirReduction() {
        // [3] read from [2, 3]: each row reads 0, 1, 2; [2, 1]: each row reads its own element.
        #expect(Broadcasting.offsets(of: [3], in: [2, 3]) == [0, 1, 2, 0, 1, 2])
        #expect(Broadcasting.offsets(of: [2, 1], in: [2, 3]) == [0, 0, 0, 1, 1, 1])
        #expect(Broadcasting.offsets(of: [], in: [2, 2]) == [0, 0, 0, 0])
        #expect(Broadcasting.offsets(of: [2, 1, 3], in: [2, 2, 3]) == [0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5])
        #expect(Broadcasting.reduce([1, 2, 3, 4, 5, 6], from: [2, 3], to: [3]) == [5, 7, 9])
        #expect(Broadcasting.reduce([1, 2, 3, 4, 5, 6], from: [2, 3], to: [2, 1]) == [6, 15])
        #expect(Broadcasting.reduce([1, 2, 3, 4, 5, 6], from: [2, 3], to: []) == [21])
    }

    @Test func broadcastForwardValues() {
        let a = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect((a + Tensor([10, 20, 30])).rowArrays == [[11, 22, 33], [14, 25, 36]])
        #expect((Tensor([[1], [2]]) * Tensor([[1, 10, 100]])).rowArrays == [[1, 10, 100], [2, 20, 200]])
        #expect((a - 1).rowArrays == [[0, 1, 2], [3, 4, 5]])
        #expect((1 - a).rowArrays == [[0, -1, -2], [-3, -4, -5]])
        #expect((12 / a).elements == [12, 6, 4, 3, 2.4, 2])
        #expect((a / 2).elements == [0.5, 1, 1.5, 2, 2.5, 3])
        #expect((-a).elements == [-1, -2, -3, -4, -5, -6])
        // Element-wise matches Matrix's row-vector broadcasting.
        let m = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect((a * Tensor([0.5, -1, 2])).matrix == m.hadamard(Matrix([[0.5, -1, 2]])))
        #expect((a / Tensor([0.5, -1, 2])).matrix == m.dividedElementwise(by: Matrix([[0.5, -1, 2]])))
    }

    // MARK: Reductions and shape moves, forward

    @Test func reductionsForward() {
        let t = Tensor(shape: [2, 3, 4], elements: (0..<24).map(Double.init))
        #expect(t.sum().item == 276 && t.sum().shape == [])
        #expect(t.mean().item == 11.5)
        #expect(t.sum(axis: 0).shape == [3, 4] && t.sum(axis: 0).elements == (0..<12).map { Double(2 * $0 + 12) })
        #expect(t.sum(axis: 1, keepingDimension: true).shape == [2, 1, 4])
        #expect(t.sum(axis: 1).elements == [12, 15, 18, 21, 48, 51, 54, 57])
        #expect(t.sum(axis: -1).elements == [6, 22, 38, 54, 70, 86])
        #expect(t.mean(axis: 2).elements == [1.5, 5.5, 9.5, 13.5, 17.5, 21.5])
        #expect(t.max(axis: 1).elements == [8, 9, 10, 11, 20, 21, 22, 23])
        #expect(t.max(axis: 0, keepingDimension: true).shape == [1, 3, 4])
        #expect(Tensor([[-3, -1, -2]]).max(axis: 1).elements == [-1])
        // The Matrix reductions agree.
        let m = Matrix([[1, -2, 3], [0.5, 4, -6]])
        let tm = Tensor(m)
        #expect(tm.sum(axis: 0, keepingDimension: true).matrix == m.sum(axis: 0))
        #expect(tm.sum(axis: 1, keepingDimension: true).matrix == m.sum(axis: 1))
        #expect(tm.max(axis: 1, keepingDimension: true).matrix == m.max(axis: 1))
        #expect(tm.mean().item == m.mean())
    }

    @Test func shapeMovesForward() {
        let t = Tensor(shape: [2, 3, 4], elements: (0..<24).map(Double.init))
        #expect(t.reshaped([4, -1]).shape == [4, 6] && t.reshaped([4, -1]).elements == t.elements)
        #expect(t.reshaped([-1]).shape == [24])
        let p = t.permuted([2, 0, 1])
        #expect(p.shape == [4, 2, 3])
        #expect(p[3, 1, 2] == t[1, 2, 3] && p[0, 1, 0] == t[1, 0, 0])
        #expect(t.transposed.shape == [2, 4, 3] && t.transposed[1, 3, 2] == t[1, 2, 3])
        #expect(t.transposed(0, 2).shape == [4, 3, 2] && t.transposed(0, 2)[3, 1, 0] == t[0, 1, 3])
        let m = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(Tensor(m).transposed.matrix == m.transposed)
        #expect(t.slice(axis: 1, 1..<3).shape == [2, 2, 4])
        let middleRows: [Double] = (Array(4..<12) + Array(16..<24)).map(Double.init)
        #expect(t.slice(axis: 1, 1..<3).elements == middleRows)
        #expect(t.slice(axis: -1, 3..<4).elements == [3, 7, 11, 15, 19, 23])
        #expect(t.slice(axis: 0, 0..<0).shape == [0, 3, 4])
        let joined = Tensor.concatenate([Tensor([[1, 2], [3, 4]]), Tensor([[5], [6]])], axis: 1)
        #expect(joined.rowArrays == [[1, 2, 5], [3, 4, 6]])
        let stacked = Tensor.concatenate([Tensor([[1, 2]]), Tensor([[3, 4], [5, 6]])], axis: 0)
        #expect(stacked.rowArrays == [[1, 2], [3, 4], [5, 6]])
        #expect(Tensor.concatenate([Tensor([1, 2]), Tensor([3])], axis: -1).elements == [1, 2, 3])
    }

    @Test func elementwiseFunctionsForward() {
        let x = Tensor([-2, -0.5, 0, 0.5, 2])
        #expect(x.abs().elements == [2, 0.5, 0, 0.5, 2])
        #expect(x.relu().elements == [0, 0, 0, 0.5, 2])
        #expect(x.clamped(to: -1, 1).elements == [-1, -0.5, 0, 0.5, 1])
        #expect(x.pow(2).elements == [4, 0.25, 0, 0.25, 4])
        #expect(x.exp().elements == x.elements.map(exp))
        #expect(x.tanh().elements == x.elements.map(tanh))
        #expect(x.sigmoid().elements == x.elements.map { sigmoid($0) })
        #expect(Tensor([0.25, 4]).sqrt().elements == [0.5, 2])
        #expect(isClose(Tensor([1, M_E]).log().elements, [0, 1], tolerance: 1e-15))
        // activated(_:) applies exactly the Activation the Matrix layers use.
        for activation in [Activation.identity, .step, .sigmoid, .tanh, .relu, .leakyReLU(), .elu(), .selu, .gelu, .geluTanhApproximation] {
            #expect(x.activated(activation).elements == x.elements.map { activation($0) }, "\(activation)")
        }
    }

    // MARK: One truth, two speeds

    @Test func matmulEqualsMatrixMatmul() {
        var generator = SeededGenerator(seed: 31)
        let a = generator.gaussianMatrix(rows: 5, columns: 7)
        let b = generator.gaussianMatrix(rows: 7, columns: 3)
        // The same i-p-j loop in both: equal bit for bit.
        #expect(Tensor(a).matmul(Tensor(b)).matrix == a.matmul(b))
        let zeros = Matrix([[0, 1], [2, 0]])
        #expect(Tensor(zeros).matmul(Tensor(b.selectingRows([0, 1]))).matrix == zeros.matmul(b.selectingRows([0, 1])))
    }

    @Test func batchedMatmulIsAMatrixProductPerBatch() {
        var generator = SeededGenerator(seed: 32)
        let a = Tensor.randn([3, 2, 4], using: &generator)
        let b = Tensor.randn([3, 4, 5], using: &generator)
        let shared = Tensor.randn([4, 5], using: &generator)
        let batched = a.matmul(b)
        let broadcast = a.matmul(shared)
        #expect(batched.shape == [3, 2, 5] && broadcast.shape == [3, 2, 5])
        func matrix(_ t: Tensor, _ batch: Int) -> Matrix {
            t.slice(axis: 0, batch..<(batch + 1)).reshaped(Array(t.shape.dropFirst())).matrix
        }
        for batch in 0..<3 {
            #expect(matrix(batched, batch) == matrix(a, batch).matmul(matrix(b, batch)))
            #expect(matrix(broadcast, batch) == matrix(a, batch).matmul(shared.matrix))
        }
        // Batch dimensions broadcast: [2, 1, 2, 4] · [3, 4, 5] → [2, 3, 2, 5].
        let four = Tensor.randn([2, 1, 2, 4], using: &generator)
        let product = four.matmul(b)
        #expect(product.shape == [2, 3, 2, 5])
        let first = four.slice(axis: 0, 1..<2).reshaped([2, 4]).matrix
        let entry = product.slice(axis: 0, 1..<2).slice(axis: 1, 2..<3).reshaped([2, 5]).matrix
        #expect(entry == first.matmul(matrix(b, 2)))
    }

    // MARK: Description

    @Test func descriptionPrintsLikePyTorch() {
        #expect(Tensor([[1, 2], [3, 4]]).description == "tensor([[1.0000, 2.0000], [3.0000, 4.0000]])")
        #expect(Tensor([0.5, -1, 1e-5]).description == "tensor([0.5000, -1.0000, 0.0000])")
        #expect(Tensor([[[1], [2]]]).description == "tensor([[[1.0000], [2.0000]]], shape: [1, 2, 1])")
        #expect(Tensor([1, 2], requiresGrad: true).description == "tensor([1.0000, 2.0000], requiresGrad: true)")
        let sum = Tensor([1, 2], requiresGrad: true) + Tensor([3, 4])
        #expect(sum.description == "tensor([4.0000, 6.0000], operation: add)")
        #expect(Tensor([.infinity, -.infinity, .nan]).description == "tensor([inf, -inf, nan])")
        #expect(Tensor(shape: [0], elements: []).description == "tensor([])")
        #expect(Tensor(shape: [2, 0], elements: []).description == "tensor([[], []])")
        #expect("\(Tensor([[12345.678]]))" == "tensor([[12345.6780]])")
        // A scalar shows its (empty) shape, as every tensor that is not a vector or a matrix does.
        #expect(Tensor(1.5).description == "tensor(1.5000, shape: [])")
    }
}
