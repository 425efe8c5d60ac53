import Testing
@testable import Neural

@Suite("Matrix")
struct MatrixTests {
    @Test func nestedArraysShapeAndSubscript() {
        var m = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(m.rows == 2 && m.columns == 3)
        #expect(m.shape == (2, 3))
        #expect(m[1, 2] == 6)
        m[0, 1] = 20
        #expect(m.rowArrays == [[1, 20, 3], [4, 5, 6]])
        #expect(Matrix([]).rows == 0 && Matrix([]).isEmpty)
        #expect(Matrix(row: [1, 2]).shape == (1, 2))
        #expect(Matrix(column: [1, 2]).shape == (2, 1))
    }

    @Test func transposeAndMatmul() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        let b = Matrix([[7, 8], [9, 10], [11, 12]])
        // By hand: the transpose swaps rows and columns.
        #expect(a.transposed.rowArrays == [[1, 4], [2, 5], [3, 6]])
        // NumPy: np.array([[1,2,3],[4,5,6]]) @ np.array([[7,8],[9,10],[11,12]]) == [[58, 64], [139, 154]]
        #expect(a.matmul(b).rowArrays == [[58, 64], [139, 154]])
        #expect(Matrix.identity(2).matmul(a) == a)
    }

    @Test func elementwiseArithmeticAndBroadcasting() {
        let a = Matrix([[1, 2], [3, 4]])
        let b = Matrix([[10, 20], [30, 40]])
        // By hand (NumPy semantics of +, -, *, / on arrays).
        #expect((a + b).rowArrays == [[11, 22], [33, 44]])
        #expect((b - a).rowArrays == [[9, 18], [27, 36]])
        #expect(a.hadamard(b).rowArrays == [[10, 40], [90, 160]])
        #expect(b.dividedElementwise(by: a).rowArrays == [[10, 10], [10, 10]])
        #expect((2 * a).rowArrays == [[2, 4], [6, 8]])
        #expect((a / 2).rowArrays == [[0.5, 1], [1.5, 2]])
        #expect((-a).rowArrays == [[-1, -2], [-3, -4]])
        // NumPy broadcasting: a + np.array([[100, 200]]) and a + np.array([[100], [200]])
        #expect((a + Matrix(row: [100, 200])).rowArrays == [[101, 202], [103, 204]])
        #expect((a + Matrix(column: [100, 200])).rowArrays == [[101, 102], [203, 204]])
        #expect(Matrix.outer([1, 2], [3, 4, 5]).rowArrays == [[3, 4, 5], [6, 8, 10]])
    }

    @Test func reductionsAndArgmax() {
        let m = Matrix([[1, 5, 3], [7, 2, 7]])
        // NumPy: m.sum() == 25, m.sum(axis=0) == [8, 7, 10], m.sum(axis=1) == [9, 16]
        #expect(m.sum() == 25)
        #expect(m.sum(axis: 0).rowArrays == [[8, 7, 10]])
        #expect(m.sum(axis: 1).rowArrays == [[9], [16]])
        #expect(m.mean(axis: 0).rowArrays == [[4, 3.5, 5]])
        #expect(m.max(axis: 1).rowArrays == [[5], [7]])
        // NumPy: m.min(axis=0) == [1, 2, 3], m.min(axis=1) == [1, 2], m.min() == 1, m.max() == 7
        #expect(m.min(axis: 0).rowArrays == [[1, 2, 3]])
        #expect(m.min(axis: 1).rowArrays == [[1], [2]])
        #expect(m.min() == 1)
        #expect(m.max() == 7)
        // NumPy: m.argmax(axis=1) == [1, 0] (first maximum on ties), m.argmax(axis=0) == [1, 0, 1]
        #expect(m.argmax(axis: 1) == [1, 0])
        #expect(m.argmax(axis: 0) == [1, 0, 1])
        // NumPy: np.linalg.norm([[3, 4]]) == 5
        #expect(Matrix([[3, 4]]).frobeniusNorm == 5)
        #expect(m.map { $0 * 10 }.rowArrays == [[10, 50, 30], [70, 20, 70]])
        #expect(m.selectingRows([1, 0, 1]).rowArrays == [[7, 2, 7], [1, 5, 3], [7, 2, 7]])
    }

    @Test func descriptionAndShapeMessage() {
        #expect(Matrix([[1, 2], [3, 4]]).description == "[[1.0, 2.0],\n [3.0, 4.0]]")
        #expect(Matrix([[0.857142, 1]]).formatted(places: 3) == "[[0.857, 1.0]]")
        let message = Matrix.shapeMismatchMessage("matmul", Matrix(rows: 2, columns: 3), Matrix(rows: 2, columns: 3))
        #expect(message == "matmul: shapes (2, 3) and (2, 3) are incompatible")
    }
}
