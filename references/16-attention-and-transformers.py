#!/usr/bin/env python3
"""Independent reference values for chapters/16-attention-and-transformers.md.

Attention by hand is recomputed with PyTorch float64 (F.scaled_dot_product_attention, the softmax
of Q·Kᵀ/√d written out); the variance ranges are checked by repeating the chapter's estimate
(20,000 random pairs per size) 300 times in NumPy with other seeds and against the exact variance d;
parameter counts come from nn.MultiheadAttention and nn.TransformerEncoderLayer; the positional
encodings from the formula in NumPy; the layer-norm facts of the two block placements from
nn.TransformerEncoderLayer (norm_first True and False) on inputs like the chapter's.

The reversal task (5 digits, one pre-norm block, E = 32, 2 heads, F = 64, Adam 3e-3, 250 batches of
64, tested on 1,000 sequences) is trained in PyTorch with the chapter's initialisations
(embeddings N(0, 1), Xavier-uniform attention projections and readout, He-normal MLP weights, zero
biases) and PyTorch's own random numbers, --runs seeds; the chapter's ranges must hold for every run.

    python3 references/16-attention-and-transformers.py [--runs 8] [--no-train]
"""
import argparse
import math

from workbook_reference import Checks

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

torch.set_default_dtype(torch.float64)
T = torch.tensor
Q = T([[1.0, 0], [0, 1], [1, 1]])
K = T([[1.0, 0], [1, 1], [0, 2]])
V = T([[10.0, 0], [0, 10], [5, 5]])
CAUSAL3 = torch.triu(torch.full((3, 3), float("-inf")), diagonal=1)


def by_hand(checks):
    checks.section("Attention by hand")
    scores = Q @ K.T
    checks.approx("scores", scores.tolist(), "[[1, 1, 0], [0, 1, 2], [1, 2, 2]] ± 1e-12")
    scaled = scores / math.sqrt(2)
    checks.approx("scaledScores", scaled.tolist(), "[[0.707106781186548, 0.707106781186548, 0], [0, 0.707106781186548, 1.4142135623731], [0.707106781186548, 1.4142135623731, 1.4142135623731]] ± 1e-12")
    weights = torch.exp(scaled) / torch.exp(scaled).sum(dim=1, keepdim=True)
    checks.approx("attended.weights", weights.tolist(), "[[0.401112092679786, 0.401112092679786, 0.197775814640428], [0.140029245043378, 0.28399540974126, 0.575975345215362], [0.197775814640428, 0.401112092679786, 0.401112092679786]] ± 1e-12")
    checks.approx("attended.weights.sum(axis: -1)", weights.sum(dim=1).tolist(), "[1, 1, 1] ± 1e-12")
    output = F.scaled_dot_product_attention(Q, K, V)
    checks.approx("attended.output", output.tolist(), "[[5, 5], [4.28016917651059, 5.71983082348941], [3.98331860980321, 6.01668139019679]] ± 1e-12")
    order = [2, 0, 1]
    checks.approx("permutedOutput", F.scaled_dot_product_attention(Q[order], K[order], V[order]).tolist(),
                  "[[3.98331860980321, 6.01668139019679], [5, 5], [4.28016917651059, 5.71983082348941]] ± 1e-12")

    checks.equal("causal[0, 1].isInfinite", bool(torch.isinf(CAUSAL3[0, 1])), True)
    checks.equal("causal[1, 0]", CAUSAL3[1, 0].item(), 0)
    masked = torch.softmax(scaled + CAUSAL3, dim=1)
    checks.approx("maskedAttention.weights", masked.tolist(), "[[1, 0, 0], [0.330238450673343, 0.669761549326657, 0], [0.197775814640428, 0.401112092679786, 0.401112092679786]] ± 1e-12")
    masked_output = F.scaled_dot_product_attention(Q, K, V, attn_mask=CAUSAL3)
    checks.approx("maskedAttention.output.slice(axis: 0, 0..<1)", masked_output[:1].tolist(), "[[10, 0]] ± 1e-12")
    checks.approx("maskedAttention.weights.slice(axis: 0, 2..<3)", masked[2:].tolist(), "[[0.197775814640428, 0.401112092679786, 0.401112092679786]] ± 1e-12")


def variances(checks):
    checks.section("Why divide by the square root of d")
    rng = np.random.default_rng(16)
    ranges = {4: (3.8, 4.2), 16: (15.2, 16.8), 64: (60.8, 67.2), 256: (243, 269)}
    for index, d in enumerate([4, 16, 64, 256]):
        estimates = []
        for _ in range(300):
            q, k = rng.standard_normal((20_000, d)), rng.standard_normal((20_000, d))
            estimates.append(np.var((q * k).sum(axis=1)))
        low, high = ranges[d]
        assert low <= min(estimates) and max(estimates) <= high, (d, min(estimates), max(estimates))
        checks.within(f"dotVariances[{index}]", estimates[0], low, high)
        print(f"             d = {d}: exact variance {d}; 300 estimates from {min(estimates):.3f} to {max(estimates):.3f}")
        if index == 0:
            scaled_low, scaled_high = min(estimates) / d, max(estimates) / d
        else:
            scaled_low, scaled_high = min(scaled_low, min(estimates) / d), max(scaled_high, max(estimates) / d)
    checks.within("scaledVariances.min()!", scaled_low, 0.95, 1.05)
    checks.within("scaledVariances.max()!", scaled_high, 0.95, 1.05)


def initialise_as_the_chapter(named_parameters):
    """Neural's initialisations: Xavier-uniform attention projections and readout, He-normal MLP
    weights (std √(2/fan-in)), zero biases; layer norms stay at 1 and 0."""
    with torch.no_grad():
        for name, parameter in named_parameters:
            if "norm" in name:
                continue
            if "bias" in name:
                parameter.zero_()
            elif "linear" in name:
                parameter.normal_(0, math.sqrt(2 / parameter.shape[1]))
            else:
                nn.init.xavier_uniform_(parameter)


def count(module):
    return sum(p.numel() for p in module.parameters())


def heads_positions_blocks(checks):
    checks.section("Heads")
    x = torch.randn(2, 5, 32)
    mha = nn.MultiheadAttention(32, 4, batch_first=True)
    out, weights = mha(x, x, x, need_weights=True, average_attn_weights=False)
    checks.equal("split.shape", [2, 4, 5, 32 // 4], [2, 4, 5, 8])
    checks.equal("selfAttended.output.shape", list(out.shape), [2, 5, 32])
    checks.equal("selfAttended.weights.shape", list(weights.shape), [2, 4, 5, 5])
    checks.equal("attentionParameters", count(mha), 4224)
    checks.equal("eightHeadParameters", count(nn.MultiheadAttention(32, 8)), 4224)
    checks.equal("fourHeads.embeddingSize / fourHeads.heads", mha.head_dim, 8)

    checks.section("Positions")
    p, i = np.arange(10)[:, None], np.arange(8)[None, :]
    angle = p / np.power(10000.0, (i - i % 2) / 8)
    pe = np.where(i % 2 == 0, np.sin(angle), np.cos(angle))
    checks.equal("encodings.shape", list(pe.shape), [10, 8])
    checks.approx("row(0)", pe[0].tolist(), "[0, 1, 0, 1, 0, 1, 0, 1] ± 1e-12")
    checks.approx("encodings[1, 0]", pe[1, 0], "0.841470984807897 ± 1e-12")
    checks.approx("encodings[3, 2]", pe[3, 2], "0.29552020666134 ± 1e-12")
    checks.approx("encodings[5, 7]", pe[5, 7], "0.999987500026042 ± 1e-12")
    for expression, a, b, expected in [
        ("nearPair", 1, 3, "2.56371774796134"), ("laterPair", 6, 8, "2.56371774796134"),
        ("dot(row(0), row(2))", 0, 2, "2.56371774796134"), ("dot(row(2), row(5))", 2, 5, "1.96488952627752"),
        ("dot(row(7), row(7))", 7, 7, "4"),
    ]:
        checks.approx(expression, float(pe[a] @ pe[b]), expected + " ± 1e-12")

    checks.section("One transformer block")
    pre = nn.TransformerEncoderLayer(32, 2, 64, dropout=0.0, batch_first=True, norm_first=True)
    post = nn.TransformerEncoderLayer(32, 2, 64, dropout=0.0, batch_first=True, norm_first=False)
    checks.equal("postNorm.parameterCount", count(post), 8544)
    checks.equal("preNorm.parameterCount", count(pre), 8544)
    worst_mean, lowest_spread, pre_means = 0.0, 1.0, []
    for seed in range(20):
        torch.manual_seed(seed)
        for layer in (pre, post):
            initialise_as_the_chapter(layer.named_parameters())
        x = torch.randn(2, 5, 32) * 3 + 1
        with torch.no_grad():
            y_pre, y_post = pre(x), post(x)
        worst_mean = max(worst_mean, y_post.mean(dim=-1).abs().max().item())
        lowest_spread = min(lowest_spread, y_post.var(dim=-1, unbiased=False).min().item())
        pre_means.append(y_pre.mean().item())
    checks.equal("preOutput.shape", list(y_pre.shape), [2, 5, 32])
    checks.within("postMeans.abs().elements.max()!", worst_mean, 0, 1e-12)
    checks.within("postSpread.elements.min()!", lowest_spread, 0.9999, 1)
    checks.within("preMeans.mean().item", min(pre_means), 0.5, 1.5)
    checks.within("preMeans.mean().item", max(pre_means), 0.5, 1.5)


def reversal_runs(checks, runs):
    checks.section("A transformer that reverses")
    results = []
    for seed in range(runs):
        torch.manual_seed(seed)
        embedding = nn.Embedding(10, 32)
        block = nn.TransformerEncoderLayer(32, 2, 64, dropout=0.0, batch_first=True, norm_first=True)
        readout = nn.Linear(32, 10)
        initialise_as_the_chapter(list(block.named_parameters()) + [("readout." + n, p) for n, p in readout.named_parameters()])
        p, i = np.arange(5)[:, None], np.arange(32)[None, :]
        angle = p / np.power(10000.0, (i - i % 2) / 32)
        positions = torch.tensor(np.where(i % 2 == 0, np.sin(angle), np.cos(angle)))
        parameters = list(embedding.parameters()) + list(block.parameters()) + list(readout.parameters())
        optimizer = torch.optim.Adam(parameters, lr=0.003)
        losses = []
        for _ in range(250):
            batch = torch.randint(0, 10, (64, 5))
            logits = readout(block(embedding(batch) + positions)).reshape(-1, 10)
            loss = F.cross_entropy(logits, batch.flip(1).reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        test = torch.randint(0, 10, (1000, 5))
        with torch.no_grad():
            predicted = readout(block(embedding(test) + positions)).argmax(-1)
            accuracy = (predicted == test.flip(1)).double().mean().item()
            normalised = block.norm1(embedding(test[:1]) + positions)
            _, pattern = block.self_attn(normalised, normalised, normalised, need_weights=True, average_attn_weights=True)
            mirror = min(pattern[0, j, 4 - j].item() for j in range(5))
        results.append((losses[0], losses[-1], accuracy, mirror))
        print(f"             seed {seed}: first loss {losses[0]:.3f}, last {losses[-1]:.4f}, token accuracy {accuracy:.4f}, smallest mirror weight {mirror:.3f}")
    for index, (expression, low, high) in enumerate([
        ("reversalLosses[0]", 2.3, 8), ("reversalLosses[249]", 0, 0.05), ("tokenAccuracy", 0.99, 1), ("mirrorWeights.min()!", 0.3, 1),
    ]):
        values = [r[index] for r in results]
        checks.within_runs(expression, values, low, high)
    checks.equal("predictedTokens.count", 1000 * 5, 5000)
    checks.note("pattern.sum(axis: -1) ≈ [[1, 1, 1, 1, 1]] ± 1e-12", "rows of a softmax sum to 1 (checked by SequenceReferenceTests against torch)")


def exercises(checks):
    checks.section("Exercises")
    mask = T([0.0, 0.0, float("-inf")]).reshape(1, 1, 1, 3)
    weights = torch.softmax(Q @ K.T / math.sqrt(2) + mask, dim=-1)
    checks.equal("paddedAttention.weights.shape", list(weights.shape), [1, 1, 3, 3])
    checks.approx("paddedAttention.weights.slice(axis: 3, 2..<3)", weights[..., 2:].tolist(), "[[[[0], [0], [0]]]] ± 1e-12")
    checks.approx("paddedAttention.output.reshaped([3, 2])", F.scaled_dot_product_attention(Q, K, V, attn_mask=mask[0, 0]).tolist(),
                  "[[5, 5], [3.30238450673343, 6.69761549326657], [3.30238450673343, 6.69761549326657]] ± 1e-12")
    large = nn.TransformerEncoderLayer(64, 8, 256, dropout=0.0, batch_first=True, norm_first=True)
    checks.equal("largeBlock.attention.heads", large.self_attn.num_heads, 8)
    checks.equal("largeBlock.attention.parameters.reduce(0) { $0 + $1.count }", count(large.self_attn), 16640)
    checks.equal("largeBlock.parameterCount", count(large), 49984)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--no-train", action="store_true")
    args = parser.parse_args()
    checks = Checks("16-attention-and-transformers")
    by_hand(checks)
    variances(checks)
    heads_positions_blocks(checks)
    if not args.no_train:
        reversal_runs(checks, args.runs)
    exercises(checks)
    checks.finish()


if __name__ == "__main__":
    main()
