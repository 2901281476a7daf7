#!/usr/bin/python3
"""Regenerates the safetensors fixtures that SafetensorsTest reads (nn/src/test/resources/nash/nn/io/).

Each file is written by Python's own `safetensors` writer, so Nash's tests can check that
  * Nash loads Python's files with exact values (F64, and F32 converted to double), and
  * Nash, saving the same F64 tensors, writes exactly the same bytes.

Values come from v(i, seed) = ((37*i + 11*seed) % 101 - 50) / 7: one correctly rounded division of
small integers, so Java computes the same doubles bit for bit (SafetensorsTest.v).

Python writes __metadata__ keys in the random order of a Rust HashMap: f32_torch, the one file with
two keys, may change bytes (not content) each time this runs. Nash writes them sorted.

Run with Debian's Python (python3-torch, python3-numpy) and the safetensors wheel:
    /usr/bin/python3 nn/src/test/python/make_safetensors_fixtures.py
Made with safetensors 0.8.0, torch 1.13 (Debian python3-torch), numpy 1.24.
"""
import math
import os

import numpy as np
import safetensors
import safetensors.numpy
import safetensors.torch
import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "nash", "nn", "io")


def v(n, seed):
    return [((37 * i + 11 * seed) % 101 - 50) / 7 for i in range(n)]


def t64(n, seed, *shape):
    return torch.tensor(v(n, seed), dtype=torch.float64).reshape(shape)


SPECIAL = [math.nan, math.inf, -math.inf, -0.0, 5e-324, 1.7976931348623157e308, 2.2250738585072014e-308, 1 / 3]


def main():
    os.makedirs(OUT, exist_ok=True)
    path = lambda name: os.path.join(OUT, name)

    # F64 through torch, with metadata (one key: Python writes several in random order).
    safetensors.torch.save_file({
        "layer.0.weight": t64(6, 1, 3, 2),
        "layer.0.bias": t64(3, 2, 3),
        "scalar": torch.tensor(v(1, 3)[0], dtype=torch.float64),   # shape []
        "empty": torch.zeros(0, dtype=torch.float64),
        "empty_2x0x3": torch.zeros(2, 0, 3, dtype=torch.float64),
        "special": torch.tensor(SPECIAL, dtype=torch.float64),
        "cube": t64(24, 4, 2, 3, 4),
        "Zeta": t64(1, 5, 1),
    }, path("f64_torch.safetensors"), metadata={"format": "pt"})

    # F64 through numpy, no metadata: names that test JSON escaping and UTF-8 byte order.
    names = ["é", "\U0001F600", "\uFF01", 'q"b\\s/', "ctl\n\t\x01\x1f\x7f", "", "a"]
    safetensors.numpy.save_file({n: np.array(v(2, k), dtype=np.float64) for k, n in enumerate(names)},
                                path("f64_numpy_names.safetensors"))

    # F64 with an empty __metadata__ (written as {}), and files without tensors.
    safetensors.numpy.save_file({"x": np.array(v(3, 6))}, path("f64_empty_metadata.safetensors"), metadata={})
    safetensors.numpy.save_file({}, path("no_tensors.safetensors"))
    safetensors.numpy.save_file({}, path("metadata_only.safetensors"), metadata={"k": "v"})

    # F32 (read only in Nash): values rounded to float32 as Java's (float) cast rounds them.
    safetensors.torch.save_file({
        "w": torch.tensor(v(6, 7), dtype=torch.float32).reshape(2, 3),
        "s": torch.tensor(v(1, 8)[0], dtype=torch.float32),
        "e": torch.zeros(0, 4, dtype=torch.float32),
        "special": torch.tensor([math.nan, math.inf, -0.0, 1.401298464324817e-45, 3.4028234663852886e38, 0.1],
                                dtype=torch.float32),
    }, path("f32_torch.safetensors"), metadata={"format": "pt", "note": "float32 fixture"})

    # Mixed: Python puts F64 data before F32 whatever the names.
    safetensors.torch.save_file({"a_f32": torch.tensor(v(2, 9), dtype=torch.float32),
                                 "b_f64": t64(2, 10, 2)}, path("mixed_torch.safetensors"))

    print("wrote fixtures to", os.path.normpath(OUT), "with safetensors", safetensors.__version__, "torch", torch.__version__)


if __name__ == "__main__":
    main()
