/// The sizes of source 004's SimpleCNN and where each parameter lives in `ConvolutionalNetwork`'s
/// buffer. The network, in PyTorch's NCHW terms:
///
/// `x [1, 28, 28] → conv1 (32 kernels 1×3×3) → ReLU → max-pool 2 → [32, 13, 13] →
/// conv2 (64 kernels 32×3×3) → ReLU → max-pool 2 → [64, 5, 5] → flatten (1600, C·H·W order) →
/// linear 1600→128 → ReLU → linear 128→10 → softmax`.
///
/// conv2's output is 11×11, of which pooling (floor mode) reads the top-left 10×10 only; the
/// fast path computes just those 100 positions, since row and column 10 do not reach the loss.
enum ConvolutionalLayout {
    /// The input images' side (28) and channels (1).
    static let inputSide = 28, inputChannels = 1
    /// The kernels' side `k` (3), stride 1, no padding.
    static let kernelSide = 3
    /// conv1's output channels (32) and side (26); pooled side 13.
    static let channels1 = 32, convolutionSide1 = 26, pooledSide1 = 13
    /// conv2's output channels (64) and side (11); the 10×10 pooling reads, pooled side 5.
    static let channels2 = 64, convolutionSide2 = 11, usedSide2 = 10, pooledSide2 = 5
    /// The flattened features `64·5·5 = 1600`, the hidden units (128) and the classes (10).
    static let flatFeatures = 1600, hiddenUnits = 128, classes = 10

    /// conv1's column width `1·3·3 = 9` and conv2's `32·3·3 = 288`.
    static let columns1 = inputChannels * kernelSide * kernelSide, columns2 = channels1 * kernelSide * kernelSide
    /// Positions per image: conv1's 676, pool1's 169, conv2's 100 computed, pool2's 25.
    static let positions1 = convolutionSide1 * convolutionSide1, pooledPositions1 = pooledSide1 * pooledSide1
    static let positions2 = usedSide2 * usedSide2, pooledPositions2 = pooledSide2 * pooledSide2

    /// What a weights file records as the widths of a CNN: input channels, the two convolutions'
    /// channels, the hidden units and the classes.
    static let widths = [inputChannels, channels1, channels2, hiddenUnits, classes]

    /// Offsets in the parameter buffer, in `Neural`'s order (`Sequential.parameters`):
    /// conv1.weight `[32, 1, 3, 3]`, conv1.bias, conv2.weight `[64, 32, 3, 3]`, conv2.bias,
    /// fc1.weight `[1600, 128]` (x·W), fc1.bias, fc2.weight `[128, 10]`, fc2.bias.
    static let kernels1 = 0
    static let bias1 = kernels1 + channels1 * columns1
    static let kernels2 = bias1 + channels1
    static let bias2 = kernels2 + channels2 * columns2
    static let weights3 = bias2 + channels2
    static let bias3 = weights3 + flatFeatures * hiddenUnits
    static let weights4 = bias3 + hiddenUnits
    static let bias4 = weights4 + hiddenUnits * classes
    /// 225 034.
    static let parameterCount = bias4 + classes

    /// The parameters' shapes in `Neural`'s order, as `Sequential.parameters` has them.
    static let parameterShapes: [[Int]] = [
        [channels1, inputChannels, kernelSide, kernelSide], [channels1],
        [channels2, channels1, kernelSide, kernelSide], [channels2],
        [flatFeatures, hiddenUnits], [hiddenUnits], [hiddenUnits, classes], [classes],
    ]

    /// Multiply-adds of the matrix products per image, as computed: the forward pass
    /// (`676·9·32 + 100·288·64 + 1600·128 + 128·10`) and the backward pass (every weight gradient,
    /// and every input gradient but conv1's).
    static let multiplyAddsPerImage: Int = {
        let conv1 = positions1 * columns1 * channels1, conv2 = positions2 * columns2 * channels2
        let fc1 = flatFeatures * hiddenUnits, fc2 = hiddenUnits * classes
        return (conv1 + conv2 + fc1 + fc2) + (conv1 + 2 * (conv2 + fc1 + fc2))
    }()

    /// Scalars per image of a training workspace (see `ConvolutionalWorkspace`): 9 658.
    static let trainingScalarsPerImage = evaluationScalarsPerImage + flatFeatures + hiddenUnits
    /// Scalars per image of an evaluation workspace: the input, the pooled maps, the hidden units
    /// and the logits, 7 930.
    static let evaluationScalarsPerImage =
        inputSide * inputSide + pooledPositions1 * channels1 + flatFeatures + hiddenUnits + classes
    /// Scalars per image of a chunk of `ConvolutionalScratch`: both column matrices, both
    /// convolution outputs and pool1's gradient, 68 324.
    static let scratchScalarsPerImage =
        positions1 * columns1 + positions1 * channels1 + positions2 * columns2 + positions2 * channels2 + pooledPositions1 * channels1
}
