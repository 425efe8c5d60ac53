import Foundation
import Testing
@testable import Neural

/// One activation at one point: the expected value and derivative.
struct ActivationCase: Sendable, CustomStringConvertible {
    let activation: Activation
    let z: Double
    let value: Double
    let derivative: Double
    var description: String { "\(activation)(\(z))" }
}

// PyTorch 2.13, float64: y = f(torch.tensor(z, requires_grad=True)); y.backward();
// value = y.item(), derivative = z.grad.item(), for f in torch.sigmoid, torch.tanh, torch.relu,
// F.leaky_relu(z, 0.01), F.leaky_relu(z, 0.1), F.elu, F.selu, F.gelu, F.gelu(approximate="tanh").
private let activationCases: [ActivationCase] = {
    let table: [(Activation, [(Double, Double, Double)])] = [
        (.sigmoid, [(-2.0, 0.11920292202211755, 0.1049935854035065), (-0.5, 0.3775406687981454, 0.2350037122015945), (0.3, 0.574442516811659, 0.24445831169074586), (1.7, 0.8455347349164652, 0.13060574696620808)]),
        (.tanh, [(-2.0, -0.9640275800758169, 0.07065082485316443), (-0.5, -0.46211715726000974, 0.7864477329659274), (0.3, 0.2913126124515909, 0.9151369618266292), (1.7, 0.935409070603099, 0.1250098706334466)]),
        (.relu, [(-2.0, 0.0, 0.0), (-0.5, 0.0, 0.0), (0.3, 0.3, 1.0), (1.7, 1.7, 1.0)]),
        (.leakyReLU(), [(-2.0, -0.02, 0.01), (-0.5, -0.005, 0.01), (0.3, 0.3, 1.0), (1.7, 1.7, 1.0)]),
        (.leakyReLU(alpha: 0.1), [(-2.0, -0.2, 0.1), (-0.5, -0.05, 0.1), (0.3, 0.3, 1.0), (1.7, 1.7, 1.0)]),
        (.elu(), [(-2.0, -0.8646647167633873, 0.1353352832366127), (-0.5, -0.3934693402873666, 0.6065306597126334), (0.3, 0.3, 1.0), (1.7, 1.7, 1.0)]),
        (.selu, [(-2.0, -1.5201664685956948, 0.2379328722516818), (-0.5, -0.6917581878028713, 1.0663411530445053), (0.3, 0.31521029620664415, 1.0507009873554805), (1.7, 1.7861916785043168, 1.0507009873554805)]),
        (.gelu, [(-2.0, -0.04550026389635842, -0.08523180107819692), (-0.5, -0.15426876936299344, 0.13250487534383712), (0.3, 0.1853734266566858, 0.7323277668271099), (1.7, 1.6242387133104768, 1.1153179687821648)]),
        (.geluTanhApproximation, [(-2.0, -0.04540230591222494, -0.0860992566236183), (-0.5, -0.15428599017485606, 0.13263009646535764), (0.3, 0.18537092354275922, 0.7322954516388018), (1.7, 1.624105895551156, 1.115914631452605)]),
    ]
    return table.flatMap { activation, rows in
        rows.map { ActivationCase(activation: activation, z: $0.0, value: $0.1, derivative: $0.2) }
    }
}()

@Suite("Activations")
struct ActivationTests {
    @Test(arguments: activationCases)
    func valueAndDerivativeMatchPyTorch(_ c: ActivationCase) {
        #expect(isClose(c.activation(c.z), c.value, tolerance: 1e-14))
        #expect(isClose(c.activation.derivative(c.z), c.derivative, tolerance: 1e-13))
    }

    @Test(arguments: activationCases)
    func derivativePassesCentralDifferenceCheck(_ c: ActivationCase) {
        let numerical = numericalDerivative(of: { c.activation($0) }, at: c.z)
        #expect(relativeError(c.activation.derivative(c.z), numerical) < 1e-6)
    }

    @Test func freeFunctionsAgreeWithTheEnum() {
        // NumPy: 1/(1+np.exp(2.0)) and np.tanh(0.5)
        #expect(isClose(sigmoid(-2), 0.11920292202211755))
        #expect(isClose(sigmoidDerivative(output: sigmoid(-2)), 0.1049935854035065))
        #expect(isClose(tanh(Matrix([[0.5]]))[0, 0], 0.46211715726000974))
        #expect(relu(Matrix([[-1, 0.5, 3]])).rowArrays == [[0, 0.5, 3]])
        #expect(reluDerivative(Matrix([[-1, 0, 3]])).rowArrays == [[0, 0, 1]])
        #expect(leakyReLU(-2) == -0.02)
        #expect(step(0) == 0 && step(0, convention: .nonNegative) == 1)
        // By hand: sigmoid never overflows, σ(−1000) underflows to 0 and σ(1000) = 1.
        #expect(sigmoid(-1000) == 0 && sigmoid(1000) == 1)
    }

    @Test func softmaxOfTheSourcesLogits() {
        // NumPy: e = np.exp([2, 1, 0.1]); e / e.sum() == [0.65900114, 0.24243297, 0.09856589]
        #expect(isClose(softmax([2, 1, 0.1]), [0.65900114, 0.24243297, 0.09856589], tolerance: 1e-8))
    }

    @Test func softmaxIsRowWiseAndStableForLargeLogits() {
        let z = Matrix([[1, 2, 3], [1000, 1001, 1002], [-5, 0, 5]])
        // NumPy: e = np.exp(z - z.max(axis=1, keepdims=True)); e / e.sum(axis=1, keepdims=True)
        let expected: [[Double]] = [
            [0.09003057317038046, 0.24472847105479764, 0.6652409557748218],
            [0.09003057317038046, 0.24472847105479764, 0.6652409557748218],
            [4.5094041236354885e-05, 0.006692549116589288, 0.9932623568421745],
        ]
        let probabilities = softmax(z)
        #expect(isClose(probabilities, expected, tolerance: 1e-14))
        #expect(probabilities.elements.allSatisfy { $0.isFinite })
        #expect(softmax([1e308, -1e308]).allSatisfy { $0.isFinite })
        // PyTorch: torch.log_softmax(torch.tensor([[1., 2., 3.]]), 1)
        #expect(isClose(logSoftmax([1, 2, 3]), [-2.4076059644443806, -1.4076059644443804, -0.4076059644443804]))
    }

    @Test func softmaxBackwardMatchesPyTorchAutograd() {
        let z = Matrix([[0.2, -1.0, 0.5], [1.5, 0.3, -0.7]])
        let g = Matrix([[1.0, -2.0, 0.5], [0.3, 0.8, -1.1]])
        // PyTorch float64: (torch.softmax(z, 1) * G).sum().backward(); z.grad
        let expected: [[Double]] = [
            [0.22460068256722704, -0.27319071610905676, 0.04859003354182975],
            [0.002270769273620911, 0.10733931538790104, -0.10961008466152194],
        ]
        let delta = Activation.softmax.backward(preActivation: z, activation: softmax(z), outputGradient: g)
        #expect(isClose(delta, expected, tolerance: 1e-13))
        // Jacobian row 0 times g row 0 gives the same vector.
        let jacobian = softmaxJacobian(z.row(0))
        #expect(isClose(Matrix(row: g.row(0)).matmul(jacobian).row(0), expected[0], tolerance: 1e-13))
        // Central differences on L(z) = Σ softmax(z) ⊙ G.
        let check = GradientCheck(of: { softmax($0).hadamard(g).sum() }, at: z, analytic: delta)
        #expect(check.passes())
    }
}
