import Testing
@testable import Neural

@Suite("Normalisation")
struct NormalizationTests {
    let x = Matrix([[1.0, 2.0, -1.0], [0.5, -0.3, 2.2], [3.0, 0.1, 0.4], [-1.2, 0.8, 1.0]])
    let upstream = Matrix([[0.3, -1.0, 0.5], [1.2, 0.4, -0.7], [-0.2, 0.9, 0.1], [0.6, -0.5, 0.25]])
    let gamma = Matrix([[1.5, 0.5, -1.0]])
    let beta = Matrix([[0.1, -0.2, 0.3]])

    @Test func batchNormMatchesPyTorch() {
        var norm = BatchNorm(features: 3)
        norm.gamma = gamma
        norm.beta = beta
        let pass = norm.forwardTraining(x)
        // PyTorch float64: nn.BatchNorm1d(3) in training mode, weight γ, bias β; (y * G).sum().backward()
        #expect(isClose(pass.output, [[0.2753164395600747, 0.5730026824702922, 1.732072626928686], [-0.2255876734687099, -0.7439648506272426, -1.0452803465087657], [2.278932891675213, -0.5149270187841931, 0.5169807010498009], [-1.9286616577665774, -0.1141108130588564, -0.0037729814697212705]], tolerance: 1e-13))
        #expect(isClose(norm.runningMean, [[0.0825, 0.065, 0.065]], tolerance: 1e-14))
        #expect(isClose(norm.runningVariance, [[1.1989166666666666, 1.0016666666666667, 1.077]], tolerance: 1e-14))
        // PyTorch: bn.eval(); bn([[0, 1, 2]])
        #expect(isClose(norm.forwardInference(Matrix([[0, 1, 2]])), [[-0.013018333102849392, 0.2671085713195156, -1.564537410176699]], tolerance: 1e-13))
        let gradients = norm.backward(pass, outputGradient: upstream)
        #expect(isClose(gradients.input, [[-0.1364605857110091, 0.03894756025316282, 0.09684074035527983], [0.6541500924577588, -0.15253006164796565, 0.17203530578722281], [-0.19329779760761728, 0.3064820165648552, 0.021248012206854554], [-0.3243917091391325, -0.19289951517005235, -0.2901240583493574]], tolerance: 1e-12))
        #expect(isClose(gradients.gamma, [[-1.327395899526279, -2.6339350661950696, -1.6034873807580285]], tolerance: 1e-13))
        #expect(isClose(gradients.beta, [[1.9, -0.19999999999999996, 0.15000000000000002]], tolerance: 1e-13))
    }

    @Test func batchNormGradientsPassCentralDifferences() {
        var norm = BatchNorm(features: 3)
        norm.gamma = gamma
        norm.beta = beta
        let gradients = norm.backward(norm.forwardTraining(x), outputGradient: upstream)
        let inputCheck = GradientCheck(of: { var n = norm; return n.forwardTraining($0).output.hadamard(upstream).sum() }, at: x, analytic: gradients.input)
        let gammaCheck = GradientCheck(of: { var n = norm; n.gamma = $0; return n.forwardTraining(x).output.hadamard(upstream).sum() }, at: gamma, analytic: gradients.gamma)
        #expect(inputCheck.passes() && gammaCheck.passes())
    }

    @Test func layerNormMatchesPyTorch() {
        var norm = LayerNorm(features: 3)
        norm.gamma = gamma
        norm.beta = beta
        let pass = norm.forward(x)
        // PyTorch float64: nn.LayerNorm(3), weight γ, bias β; (y * G).sum().backward()
        #expect(isClose(pass.output, [[0.5008905742938616, 0.3345207657251488, 1.6363019143128719], [-0.33168041233398227, -0.7276093928526448, -1.0430057272612778], [2.211909973055173, -0.609582540228882, 0.8887749015790181], [-2.0141308604503396, 0.10201869435004857, -0.5053831849334629]], tolerance: 1e-13))
        let gradients = norm.backward(pass, outputGradient: upstream)
        #expect(isClose(gradients.input, [[0.4896593180437056, -0.32643900130018855, -0.16322031674351706], [0.8827818505917495, -0.6002924352434266, -0.28248941534832295], [0.02068222782414042, 0.17926036748648932, -0.1999425953106298], [0.00522280713746992, -0.05736874250376578, 0.052145935366295915]], tolerance: 1e-12))
        #expect(isClose(gradients.gamma, [[-1.3924065555959055, -2.53039631249445, -1.4657866601638665]], tolerance: 1e-13))
        #expect(isClose(gradients.beta, [[1.9, -0.19999999999999996, 0.15000000000000002]], tolerance: 1e-13))
        let check = GradientCheck(of: { norm.forward($0).output.hadamard(upstream).sum() }, at: x, analytic: gradients.input)
        #expect(check.passes())
    }

    @Test func rmsNormMatchesPyTorch() {
        var norm = RMSNorm(features: 3, epsilon: 1e-6)
        norm.gamma = gamma
        let pass = norm.forward(x)
        // PyTorch float64: nn.RMSNorm(3, eps=1e-6), weight γ; (y * G).sum().backward()
        #expect(isClose(pass.output, [[1.0606599066148776, 0.7071066044099185, 0.7071066044099185], [0.5707644103315757, -0.11415288206631513, -1.6742422703059554], [2.5738806340978626, 0.028598673712198475, -0.2287893896975878], [-1.7764687112282536, 0.3947708247173897, -0.9869270617934742]], tolerance: 1e-13))
        let gradients = norm.backward(pass, outputGradient: upstream)
        #expect(isClose(gradients.input, [[0.32409052407493655, -0.34176819802401265, -0.3594458542954325], [1.195005947748126, 0.25710102498368015, -0.23653255336688028], [-0.004116766818530987, 0.2629705725916083, -0.034867310697108966], [0.29992386193836784, 0.14547523033547072, 0.24352697928143052]], tolerance: 1e-12))
        #expect(isClose(gradients.gamma, [[-0.3850280594494472, -1.8488287265083216, -1.2559121870010006]], tolerance: 1e-13))
        let check = GradientCheck(of: { norm.forward($0).output.hadamard(upstream).sum() }, at: x, analytic: gradients.input)
        #expect(check.passes())
    }
}
