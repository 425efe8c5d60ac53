/// One-hot encoding: row `n` of the result is all zeros except a 1 in column `labels[n]`
/// (the sources' `y_onehot[np.arange(N), y] = 1`).
///
/// - Precondition: every label is in `0..<classCount`.
public func oneHotEncode(_ labels: [Int], classCount: Int) -> Matrix {
    var encoded = Matrix.zeros(rows: labels.count, columns: classCount)
    for (row, label) in labels.enumerated() {
        precondition(
            label >= 0 && label < classCount, "oneHotEncode: label \(label) out of range 0..<\(classCount)")
        encoded[row, label] = 1
    }
    return encoded
}

/// The fraction of predictions equal to their labels: `(1/N) Σ [ŷₙ = yₙ]`.
public func accuracy(predictions: [Int], labels: [Int]) -> Double {
    precondition(
        predictions.count == labels.count,
        "accuracy: \(predictions.count) predictions but \(labels.count) labels")
    precondition(!labels.isEmpty, "accuracy: no labels")
    let correct = zip(predictions, labels).filter { $0 == $1 }.count
    return Double(correct) / Double(labels.count)
}

/// The accuracy of class scores `(samples × classes)`, predicting the `argmax` of every row.
public func accuracy(scores: Matrix, labels: [Int]) -> Double {
    accuracy(predictions: scores.argmax(axis: 1), labels: labels)
}
