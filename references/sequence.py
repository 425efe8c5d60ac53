#!/usr/bin/env python3
"""PyTorch reference values for Neural's recurrent cells, attention and transformer block.

Writes Tests/NeuralTests/Support/PyTorchSequenceReferences.swift (Swift literals that
Tests/NeuralTests/Sequence/SequenceReferenceTests.swift compares against):

- recurrent cells, one step and unrolled over three steps: torch.rnn_tanh_cell, torch.lstm_cell
  and torch.gru_cell (the kernels nn.RNNCell, nn.LSTMCell and nn.GRUCell call), and nn.RNN,
  nn.LSTM and nn.GRU (batch_first) through torch.func.functional_call with the same weights;
- F.embedding (the token indices travel in classIndices), F.layer_norm over the last axis;
- F.scaled_dot_product_attention without a mask, with the causal mask and with a padding mask,
  and its attention weights; nn.MultiheadAttention (batch_first, need_weights, per-head weights)
  on self- and cross-attention, with and without a mask;
- nn.TransformerEncoderLayer (ReLU, dropout 0, batch_first) pre-norm and post-norm, causal mask;
- the sinusoidal positional encodings, from the formula in NumPy.

Each operation's forward value and the gradients of L = sum(op(x) ⊙ R) with respect to every
input (nil for an input the output does not depend on, such as the values for the weights), R the fixed upstream gradient of references/autograd.py. Inputs are drawn from
torch.manual_seed(SEED) in float64, in the workbook's layout: weights are [inputs, outputs]
(x·W), the transposes of torch's, and the functions below transpose them before calling torch.

    python3 references/sequence.py            # rewrites the Swift file
    python3 references/sequence.py --stdout   # prints it instead
"""
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.func import functional_call

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from autograd import literal, operation_reference, upstream, write_generated  # noqa: E402  (the same R and literals)

torch.set_default_dtype(torch.float64)

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "..", "Tests", "NeuralTests", "Support", "PyTorchSequenceReferences.swift")
SEED = 14
OPERATIONS = {}


def op(name, shapes, fn, indices=None):
    assert name not in OPERATIONS, name
    OPERATIONS[name] = (shapes, fn, indices)


# --- recurrent cells: x [B, I], h [B, H], W_ih [I, gH], W_hh [H, gH], b_ih [gH], b_hh [gH] -------------
B, I, H, T = 2, 3, 4, 3


def cell_shapes(gates, steps=1):
    xs = [[B, I]] * steps
    return xs + [[B, H], [I, gates * H], [H, gates * H], [gates * H], [gates * H]]


op("rnn cell", cell_shapes(1), lambda x, h, wi, wh, bi, bh: torch.rnn_tanh_cell(x, h, wi.T, wh.T, bi, bh))
op("gru cell", cell_shapes(3), lambda x, h, wi, wh, bi, bh: torch.gru_cell(x, h, wi.T, wh.T, bi, bh))
op("lstm cell", cell_shapes(4) + [[B, H]],
   lambda x, h, wi, wh, bi, bh, c: torch.cat(torch.lstm_cell(x, (h, c), wi.T, wh.T, bi, bh), dim=1))


def sequence_module(kind, gates):
    module = {"rnn": nn.RNN, "gru": nn.GRU, "lstm": nn.LSTM}[kind](I, H, batch_first=True)

    def run(*tensors):
        xs, rest = tensors[:T], tensors[T:]
        h, wi, wh, bi, bh = rest[:5]
        params = {"weight_ih_l0": wi.T, "weight_hh_l0": wh.T, "bias_ih_l0": bi, "bias_hh_l0": bh}
        x = torch.stack(xs, dim=1)
        state = (h.unsqueeze(0), rest[5].unsqueeze(0)) if kind == "lstm" else h.unsqueeze(0)
        out, _ = functional_call(module, params, (x, state))
        return out.reshape(B, T * H)
    return run


op("rnn unrolled 3 steps", cell_shapes(1, T), sequence_module("rnn", 1))
op("gru unrolled 3 steps", cell_shapes(3, T), sequence_module("gru", 3))
op("lstm unrolled 3 steps", cell_shapes(4, T) + [[B, H]], sequence_module("lstm", 4))

# --- embedding and layer norm -------------------------------------------------------------------------
TOKENS = [[3, 0, 5, 3], [1, 5, 5, 2]]
op("embedding [6,4] tokens [2,4]", [[6, 4]], lambda w: F.embedding(torch.tensor(TOKENS), w),
   indices=[t for row in TOKENS for t in row])
op("layer norm [2,3,5]", [[2, 3, 5], [5], [5]], lambda x, g, b: F.layer_norm(x, [5], g, b, 1e-5))

# --- attention ----------------------------------------------------------------------------------------
L, S, D = 4, 5, 6
CAUSAL = torch.triu(torch.full((L, L), float("-inf")), diagonal=1)
LENGTHS = [5, 3]
PADDING = torch.zeros(2, 1, 1, S)
for b, n in enumerate(LENGTHS):
    PADDING[b, ..., n:] = float("-inf")


def sdpa(mask=None, weights=False):
    def run(q, k, v):
        if weights:
            scores = q @ k.transpose(-2, -1) / np.sqrt(q.shape[-1])
            return torch.softmax(scores if mask is None else scores + mask, dim=-1)
        return F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
    return run


op("attention [2,4,6] to [2,5,6]", [[2, L, D], [2, S, D], [2, S, 3]], sdpa())
op("attention weights [2,4,6] to [2,5,6]", [[2, L, D], [2, S, D], [2, S, 3]], sdpa(weights=True))
op("attention causal [2,2,4,6]", [[2, 2, L, D], [2, 2, L, D], [2, 2, L, D]], sdpa(CAUSAL))
op("attention weights causal [2,2,4,6]", [[2, 2, L, D], [2, 2, L, D], [2, 2, L, D]], sdpa(CAUSAL, weights=True))
op("attention padding [2,2,4,6] to [2,2,5,6]", [[2, 2, L, D], [2, 2, S, D], [2, 2, S, D]], sdpa(PADDING))

E, HEADS = 6, 2


def mha(self_attention, mask=None, weights=False):
    module = nn.MultiheadAttention(E, HEADS, batch_first=True)

    def run(*tensors):
        if self_attention:
            x, wi, bi, wo, bo = tensors
            q = k = v = x
        else:
            q, k, v, wi, bi, wo, bo = tensors
        params = {"in_proj_weight": wi.T, "in_proj_bias": bi, "out_proj.weight": wo.T, "out_proj.bias": bo}
        attn_mask = None if mask is None else mask.expand(q.shape[0], HEADS, q.shape[1], k.shape[1]).reshape(-1, q.shape[1], k.shape[1])
        out, w = functional_call(module, params, (q, k, v), dict(need_weights=True, average_attn_weights=False, attn_mask=attn_mask))
        return w if weights else out
    return run


PROJECTIONS = [[E, 3 * E], [3 * E], [E, E], [E]]
op("multihead self-attention [2,4,6] 2 heads", [[2, L, E]] + PROJECTIONS, mha(True))
op("multihead self-attention weights [2,4,6] 2 heads", [[2, L, E]] + PROJECTIONS, mha(True, weights=True))
op("multihead self-attention causal [2,4,6] 2 heads", [[2, L, E]] + PROJECTIONS, mha(True, CAUSAL))
op("multihead cross-attention padding [2,4,6] to [2,5,6] 2 heads", [[2, L, E], [2, S, E], [2, S, E]] + PROJECTIONS,
   mha(False, PADDING))

FF = 8


def encoder_layer(norm_first):
    module = nn.TransformerEncoderLayer(E, HEADS, FF, dropout=0.0, batch_first=True, norm_first=norm_first)

    def run(x, wi, bi, wo, bo, w1, b1, w2, b2, g1, be1, g2, be2):
        params = {
            "self_attn.in_proj_weight": wi.T, "self_attn.in_proj_bias": bi,
            "self_attn.out_proj.weight": wo.T, "self_attn.out_proj.bias": bo,
            "linear1.weight": w1.T, "linear1.bias": b1, "linear2.weight": w2.T, "linear2.bias": b2,
            "norm1.weight": g1, "norm1.bias": be1, "norm2.weight": g2, "norm2.bias": be2,
        }
        return functional_call(module, params, (x,), dict(src_mask=CAUSAL))
    return run


BLOCK = [[2, L, E]] + PROJECTIONS + [[E, FF], [FF], [FF, E], [E], [E], [E], [E], [E]]
op("transformer block pre-norm causal [2,4,6]", BLOCK, encoder_layer(True))
op("transformer block post-norm causal [2,4,6]", BLOCK, encoder_layer(False))


def run_operation(name, generator):
    shapes, fn, indices = OPERATIONS[name]
    tensors = [(torch.randn(shape, generator=generator) * 0.8).requires_grad_(True) for shape in shapes]
    out = fn(*tensors)
    r = upstream(list(out.shape))
    (out * r).sum().backward()
    return dict(name=name, inputs=[x.detach() for x in tensors], upstream=r, output=out.detach(),
                gradients=[x.grad for x in tensors], indices=indices or [])


def positional_encoding(length, dimension):
    """PE[p, 2i] = sin(p / 10000^(2i/D)), PE[p, 2i+1] = cos(the same angle), in NumPy."""
    p = np.arange(length)[:, None]
    i = np.arange(dimension)[None, :]
    angle = p / np.power(10000.0, (i - i % 2) / dimension)
    return torch.tensor(np.where(i % 2 == 0, np.sin(angle), np.cos(angle)))


def generate():
    generator = torch.Generator().manual_seed(SEED)
    lines = [
        "// generated by references/sequence.py; do not edit",
        f"// torch {torch.__version__}, float64, torch.manual_seed({SEED}). Regenerate with `python3 references/sequence.py`.",
        "",
        "enum PyTorchSequenceReferences {",
        "    /// Each operation on its inputs (`OperationReference`, as in PyTorchReferences.swift).",
        "    static let operations: [OperationReference] = [",
    ]
    for name in OPERATIONS:
        r = run_operation(name, generator)
        lines += operation_reference(r)
    lines += [
        "    ]",
        "",
        "    /// The sinusoidal positional encodings of 7 positions in 8 dimensions, from the formula in NumPy.",
        f"    static let positionalEncoding = {literal(positional_encoding(7, 8))}",
        "",
        "    /// The same for an odd dimension, 5 positions in 5 dimensions.",
        f"    static let positionalEncodingOdd = {literal(positional_encoding(5, 5))}",
        "}",
        "",
    ]
    return "\n".join(lines)


def main():
    write_generated(generate(), OUTPUT, f"{len(OPERATIONS)} operations")


if __name__ == "__main__":
    main()
