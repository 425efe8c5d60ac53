import Foundation
import Testing
@testable import Neural

@Suite("Tensor autograd semantics")
struct TensorAutogradTests {
    @Test func gradientsAccumulateOverBackwardCallsUntilZeroGrad() {
        let x = Tensor([1, -2, 3], requiresGrad: true)
        #expect(x.grad == nil)
        (x * x).sum().backward()
        #expect(x.grad?.elements == [2, -4, 6])
        (x * x).sum().backward()
        #expect(x.grad?.elements == [4, -8, 12])
        x.zeroGrad()
        #expect(x.grad == nil)
        (x * 3).sum().backward()
        #expect(x.grad?.elements == [3, 3, 3])
    }

    @Test func backwardOfTheSameGraphTwiceAccumulatesToo() {
        let x = Tensor([0.5, 2], requiresGrad: true)
        let loss = (x.exp() * x).sum()
        loss.backward()
        loss.backward()
        // d/dx (x eˣ) = (1 + x) eˣ, twice.
        #expect(isClose(x.grad!.elements, [0.5, 2].map { 2 * (1 + $0) * exp($0) }))
    }

    @Test func backwardSeedsWithOneOrAGivenGradient() {
        let x = Tensor([1, 2, 3], requiresGrad: true)
        let y = x * 2
        y.backward(Tensor([1, 10, 100]))
        #expect(x.grad?.elements == [2, 20, 200])
        #expect(y.grad?.elements == [1, 10, 100])
        let scalar = Tensor(4, requiresGrad: true)
        (scalar * scalar).backward()
        #expect(scalar.grad?.item == 8)
        // A one-element tensor of any shape starts from 1.
        let single = Tensor([[3]], requiresGrad: true)
        (single * single).backward()
        #expect(single.grad?.elements == [6] && single.grad?.shape == [1, 1])
    }

    @Test func noGradResultsRequireNoGradAndRecordNothing() {
        let x = Tensor([1, 2], requiresGrad: true)
        #expect(Tensor.isRecording)
        let y = Tensor.noGrad { x * x + 1 }
        #expect(!y.requiresGrad && y.operation == "leaf" && y.inputs.isEmpty)
        #expect(y.elements == [2, 5])
        #expect(Tensor.isRecording)
        // Nested noGrad, then recording again.
        Tensor.noGrad {
            Tensor.noGrad { #expect(!Tensor.isRecording) }
            #expect(!Tensor.isRecording)
            #expect(!(x.exp()).requiresGrad)
        }
        #expect(Tensor.isRecording)
        let z = x * x
        #expect(z.requiresGrad && z.operation == "multiply" && z.inputs.count == 2)
    }

    @Test func noGradRestoresRecordingWhenItsBodyThrows() {
        struct Failure: Error {}
        #expect(throws: Failure.self) { try Tensor.noGrad { throw Failure() } }
        #expect(Tensor.isRecording)
        #expect((Tensor([1], requiresGrad: true) * 2).requiresGrad)
    }

    @Test func noGradIsPerTaskNotGlobal() async {
        // One task pausing the recording must not pause another's (PyTorch's grad mode is per thread):
        // many tasks interleave noGrad and recorded operations, and every recorded one must record.
        let failures = await withTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var failures = 0
                    for step in 0..<2_000 {
                        if (task + step).isMultiple(of: 2) {
                            Tensor.noGrad { _ = Tensor([1, 2]) + Tensor([3, 4]) }
                        } else {
                            let x = Tensor([1, 2], requiresGrad: true)
                            if !(x * x).requiresGrad { failures += 1 }
                        }
                    }
                    return failures
                }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 0)
        #expect(Tensor.isRecording)
    }

    @Test func operationsOnTensorsThatNeedNoGradientRecordNothing() {
        let a = Tensor([1, 2]), b = Tensor([3, 4])
        let c = a * b
        #expect(!c.requiresGrad && c.operation == "leaf" && c.inputs.isEmpty)
        let x = Tensor([1, 2], requiresGrad: true)
        let d = c + x
        #expect(d.requiresGrad && d.operation == "add")
        // topologicalOrder only walks tensors that need a gradient.
        #expect(d.topologicalOrder().map(ObjectIdentifier.init) == [ObjectIdentifier(x), ObjectIdentifier(d)])
        d.sum().backward()
        #expect(a.grad == nil && b.grad == nil && c.grad == nil)
        #expect(x.grad?.elements == [1, 1])
    }

    @Test func detachCutsTheGraph() {
        let x = Tensor([1, 2, 3], requiresGrad: true)
        let frozen = x.detach()
        #expect(!frozen.requiresGrad && frozen.operation == "leaf" && frozen.elements == x.elements)
        // Without detach, d/dx Σ x·x = 2x; with one factor detached it is that factor.
        (x * (x * 5).detach()).sum().backward()
        #expect(x.grad?.elements == [5, 10, 15])
        // The detached copy does not share storage with the original.
        frozen.elements[0] = 100
        #expect(x.elements[0] == 1)
    }

    @Test func aTensorUsedTwiceSumsItsGradients() {
        let x = Tensor([-1.5, 0.5, 2], requiresGrad: true)
        (x * x).sum().backward()
        #expect(x.grad?.elements == [-3, 1, 4])
        x.zeroGrad()
        (x + x).sum().backward()
        #expect(x.grad?.elements == [2, 2, 2])
        x.zeroGrad()
        // Three uses: x·x·x → 3x².
        (x * x * x).sum().backward()
        #expect(isClose(x.grad!.elements, [6.75, 0.75, 12]))
    }

    @Test func aDiamondGraphSumsBothPaths() {
        // a = eˣ feeds b = 2a and c = tanh a; d = Σ (b + c). ∂d/∂x = eˣ (2 + 1 − tanh² eˣ).
        let x = Tensor([0.3, -0.7], requiresGrad: true)
        let a = x.exp()
        let d = (a * 2 + a.tanh()).sum()
        d.backward()
        let expected = [0.3, -0.7].map { v in exp(v) * (3 - pow(tanh(exp(v)), 2)) }
        #expect(isClose(x.grad!.elements, expected, tolerance: 1e-14))
        // The intermediate's gradient is complete too: ∂d/∂a = 2 + 1 − tanh² a.
        #expect(isClose(a.grad!.elements, a.elements.map { 3 - pow(tanh($0), 2) }, tolerance: 1e-14))
        // In reverse topological order every tensor comes after the ones it was made from.
        let order = d.topologicalOrder()
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { (ObjectIdentifier($1), $0) })
        for tensor in order {
            for input in tensor.inputs where input.requiresGrad {
                #expect(position[ObjectIdentifier(input)]! < position[ObjectIdentifier(tensor)]!)
            }
        }
        // x, a, a·2, tanh a, their sum and Σ: the constant 2 needs no gradient and is not walked.
        #expect(order.count == 6)
        #expect(order.first === x && order.last === d)
    }

    @Test func aLongChainDoesNotOverflowTheStack() {
        // 10,000 recorded additions: backward and topologicalOrder are iterative.
        let x = Tensor([1, 2], requiresGrad: true)
        var y = x
        for _ in 0..<10_000 { y = y + x }
        #expect(y.elements == [10_001, 20_002])
        y.sum().backward()
        #expect(x.grad?.elements == [10_001, 10_001])
    }

    @Test func aDeepGraphIsReleasedWithoutRecursion() {
        // Releasing a graph used to recurse once per recorded operation (each tensor releasing its
        // inputs): on a test thread it crashed between 20,000 and 30,000. 40,000 is well past that.
        weak var first: Tensor?
        weak var shared: Tensor?
        do {
            let x = Tensor([0.5], requiresGrad: true)
            var y = x.tanh()
            first = y
            let constant = Tensor([2], requiresGrad: true)
            shared = constant
            for step in 0..<40_000 { y = step.isMultiple(of: 2) ? y * 1.0001 : y + constant }
            #expect(y.inputs.count == 2)
        }
        #expect(first == nil && shared == nil)
    }

    @Test func releasingAGraphKeepsWhatIsStillReferenced() {
        let x = Tensor([1, 2], requiresGrad: true)
        let hidden = x.exp()
        do {
            let loss = (hidden * x).sum()
            #expect(loss.requiresGrad)
        }
        // The graph above `hidden` is gone, `hidden`'s own inputs and closure are intact.
        #expect(hidden.inputs.count == 1 && hidden.inputs[0] === x)
        hidden.sum().backward()
        #expect(isClose(x.grad!.elements, [exp(1), exp(2)], tolerance: 1e-15))
    }

    @Test func gradientsAreDetachedAndIntermediatesKeepTheirs() {
        let x = Tensor([1, 2], requiresGrad: true)
        let y = x * 3
        let z = y.sum()
        z.backward()
        #expect(z.grad?.item == 1)
        #expect(y.grad?.elements == [1, 1])
        #expect(x.grad?.elements == [3, 3])
        // Gradients are plain tensors: no graph, no gradient of their own.
        #expect(x.grad?.requiresGrad == false && x.grad?.operation == "leaf")
    }

    @Test func theGraphRecordsOperationNamesAndInputs() {
        let w = Tensor([[0.5, -1], [2, 0.25]], requiresGrad: true)
        let x = Tensor([[1, 2]])
        let product = x.matmul(w)
        let activated = product.relu()
        let loss = activated.sum()
        #expect(product.operation == "matmul" && product.inputs.count == 2 && product.inputs[1] === w)
        #expect(activated.operation == "relu" && activated.inputs[0] === product)
        #expect(loss.operation == "sum")
        #expect(x.reshaped([2]).requiresGrad == false)
        #expect(w.sum(axis: 1).operation == "sum(axis: 1)")
        #expect(w.max(axis: -1).operation == "max(axis: 1)")
        #expect(w.activated(.tanh).operation == "tanh")
        loss.backward()
        // The example in Tensor's documentation: ∂/∂w of Σ relu(x·w), with x·w = [4.5, -0.5].
        #expect(w.grad?.rowArrays == [[1, 0], [2, 0]])
    }

    @Test func maxSendsTheGradientToTheFirstLargestElement() {
        let x = Tensor([[1, 3, 3], [2, 2, 0]], requiresGrad: true)
        let m = x.max(axis: 1)
        #expect(m.elements == [3, 2])
        m.backward(Tensor([10, 20]))
        #expect(x.grad?.rowArrays == [[0, 10, 0], [20, 0, 0]])
    }

    @Test func softmaxIsStableAndSumsToOne() {
        let logits = Tensor([[1000, 1001, 1002], [-1000, -1000, -1000]], requiresGrad: true)
        let p = logits.softmax()
        #expect(p.elements.allSatisfy { $0.isFinite })
        #expect(isClose(p.sum(axis: 1).elements, [1, 1], tolerance: 1e-15))
        let third = 1.0 / 3
        #expect(isClose(p.rowArrays[1], [third, third, third], tolerance: 1e-15))
        let logP = logits.logSoftmax()
        #expect(logP.elements.allSatisfy { $0.isFinite })
        #expect(isClose(logP.exp().elements, p.elements, tolerance: 1e-15))
        // Where softmax underflows to 0, log-softmax stays finite.
        let extreme = Tensor([[0, -800]])
        #expect(extreme.softmax().elements[1] == 0)
        #expect(isClose(extreme.logSoftmax().elements[1], -800, tolerance: 1e-15))
        // The gradient of Σ softmax is 0 (the outputs always sum to 1).
        p.sum().backward()
        #expect(logits.grad!.elements.allSatisfy { abs($0) < 1e-15 })
    }
}
