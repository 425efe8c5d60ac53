/// Reverse-mode differentiation over the recorded graph.
extension Tensor {
    /// Whether `noGrad` has paused the recording in the current task (or, outside any task, the
    /// current thread). Task-local, as PyTorch's grad mode is thread-local: one task's `noGrad` (and
    /// every `backward()`, which runs inside one) must not stop another task from recording.
    @TaskLocal private static var recordingPaused = false

    /// Whether operations record the graph now (false inside `noGrad`).
    public static var isRecording: Bool { !recordingPaused }

    /// Runs `body` without recording the graph: results of operations inside it require no gradient.
    /// For evaluation and for optimizer updates, as `torch.no_grad()`. The pause holds for the
    /// current task (and the child tasks it starts), not for other tasks or threads.
    public static func noGrad<Result>(_ body: () throws -> Result) rethrows -> Result {
        try $recordingPaused.withValue(true, operation: body)
    }

    /// A tensor with the same elements that is not part of any graph and requires no gradient.
    public func detach() -> Tensor {
        Tensor(shape: shape, elements: elements)
    }

    /// Forgets the accumulated gradient (sets `grad` to nil).
    public func zeroGrad() {
        grad = nil
    }

    /// Computes `∂self/∂t` for every tensor `t` of the graph that requires a gradient, and adds it
    /// to `t.grad`. For a non-scalar tensor, `gradient` is `∂L/∂self` of some scalar `L`.
    ///
    /// The chain rule runs in reverse topological order: every tensor's gradient is complete (the
    /// sum over all its uses) before it is passed to its inputs. Gradients add up over calls until
    /// `zeroGrad()`, as in PyTorch.
    ///
    /// - Precondition: `self` requires a gradient; `gradient`, when given, has `self`'s shape; without
    ///   it, `self` holds one element.
    public func backward(_ gradient: Tensor? = nil) {
        precondition(requiresGrad, "Tensor.backward: this tensor (\(operation), shape \(shape)) does not require a gradient; nothing it depends on has requiresGrad = true")
        let seed = gradient ?? Tensor.full(shape, 1)
        precondition(seed.shape == shape, "Tensor.backward: a gradient of shape \(seed.shape) for a tensor of shape \(shape)")
        precondition(gradient != nil || count == 1, "Tensor.backward: a tensor of shape \(shape) needs an explicit gradient; only a one-element tensor starts from 1")

        let order = topologicalOrder()
        var gradients: [ObjectIdentifier: Tensor] = [ObjectIdentifier(self): seed.detach()]
        Tensor.noGrad {
            for tensor in order.reversed() {
                guard let upstream = gradients.removeValue(forKey: ObjectIdentifier(tensor)) else { continue }
                tensor.grad = tensor.grad.map { $0 + upstream } ?? upstream
                guard let backward = tensor.backwardFunction else { continue }
                for (input, contribution) in zip(tensor.inputs, backward(upstream)) {
                    guard input.requiresGrad, let contribution else { continue }
                    precondition(contribution.shape == input.shape, "Tensor.backward: \(tensor.operation) gave a gradient of shape \(contribution.shape) for an input of shape \(input.shape)")
                    let key = ObjectIdentifier(input)
                    gradients[key] = gradients[key].map { $0 + contribution } ?? contribution
                }
            }
        }
    }

    /// Every tensor `self` depends on through recorded operations, each after all of its inputs;
    /// iterative, so a deep graph (a long recurrence) cannot overflow the stack.
    public func topologicalOrder() -> [Tensor] {
        var order: [Tensor] = []
        var visited: Set<ObjectIdentifier> = []
        var stack: [(tensor: Tensor, expanded: Bool)] = [(self, false)]
        while let (tensor, expanded) = stack.popLast() {
            if expanded {
                order.append(tensor)
                continue
            }
            guard visited.insert(ObjectIdentifier(tensor)).inserted else { continue }
            stack.append((tensor, true))
            for input in tensor.inputs where input.requiresGrad && !visited.contains(ObjectIdentifier(input)) {
                stack.append((input, false))
            }
        }
        return order
    }
}
