import Testing
import Neural
@testable import NeuralTraining

@Suite struct TrainingNetworkTests {
    /// The once-per-epoch divergence sweep: any NaN or infinity, anywhere, and nothing else.
    @Test(arguments: [
        (0, 0.0, true), (22, -1e30, true), (5, .nan, false), (0, .infinity, false), (22, -.infinity, false),
    ])
    func parametersAreFiniteUnlessOneIsNot(index: Int, value: Double, finite: Bool) {
        func check<S: TrainingScalar>(_: S.Type) -> Bool {
            let network = TrainingNetwork<S>(layerSizes: [4, 3, 2], activation: .relu)
            var values = [Double](repeating: 0.25, count: network.parameterCount)
            values[index] = value
            network.setParameters(values)
            return network.parametersAreFinite
        }
        #expect(check(Double.self) == finite)
        #expect(check(Float.self) == finite)
    }
}
