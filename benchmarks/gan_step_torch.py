#!/usr/bin/python3
"""The PyTorch side of the GAN step comparison (see GanStepBench.java and ./gan-vs-torch).

Times one GAN training step -- one discriminator step, then one generator step -- of the MLP GAN
or the 28x28 DCGAN, batch 64, Adam(lr 2e-4, betas (0.5, 0.999)), BCE with logits, the
non-saturating generator loss, on fixed random "real" data in [-1, 1]. It does the same work as
Nash's GanTrainer.step() with its defaults:

    D step: z ~ N(0, I); with no_grad: fake = G(z)            (G in training mode: BN statistics move)
            loss_D = BCE(D(real), 1) + BCE(D(fake), 0)        (two forward passes of D, as Nash)
            gradients of loss_D for D's parameters only; Adam step of D
    G step: a fresh z ~ N(0, I); fake = G(z)
            loss_G = BCE(D(fake), 1) = mean softplus(-D(G(z)))
            gradients of loss_G for G's parameters only (D's weight gradients are not computed, as
            Nash's Autograd.grad does not compute them); Adam step of G

The textbook loop (the PyTorch DCGAN tutorial) differs in two ways: it generates fake once with a
graph and reuses it (one G forward fewer), and its loss_G.backward() also computes D's weight
gradients (thrown away by the next zero_grad). --variant tutorial times that loop instead.

Threads are pinned by the caller: OMP_NUM_THREADS, OPENBLAS_NUM_THREADS and MKL_NUM_THREADS must be
set before torch is imported (Debian's torch uses OpenBLAS threads whatever set_num_threads says);
this script also calls torch.set_num_threads. On a loaded machine, multi-threaded runs need
OMP_WAIT_POLICY=PASSIVE (GanStepBench sets it), else the spinning threads fight for the cores.
It prints one JSON line per dtype:
    {"model": "mlp", "dtype": "float64", "threads": 1, "times_ms": [...], ...}

Run: OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
         /usr/bin/python3 benchmarks/gan_step_torch.py --model mlp --threads 1
"""
import argparse
import json
import os
import sys
import time

BATCH, LATENT = 64, 100


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--model", choices=["mlp", "dcgan"], required=True)
    p.add_argument("--dtypes", default="float64,float32", help="comma-separated: float64,float32")
    p.add_argument("--threads", type=int, required=True, help="intra-op threads (must equal the pinned env vars)")
    p.add_argument("--warmup-seconds", type=float, default=1.0, help="warm-up time per dtype (and at least --min-steps steps)")
    p.add_argument("--seconds", type=float, default=3.0, help="timed budget per dtype")
    p.add_argument("--min-steps", type=int, default=5, help="timed steps at least")
    p.add_argument("--warmup-min-steps", type=int, default=2, help="warm-up steps at least")
    p.add_argument("--max-steps", type=int, default=5000)
    p.add_argument("--steps", type=int, default=0, help="exact timed steps per dtype (overrides --seconds)")
    p.add_argument("--variant", choices=["nash", "tutorial"], default="nash")
    p.add_argument("--seed", type=int, default=0)
    return p.parse_args()


def check_env(threads):
    bad = [v for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS") if os.environ.get(v) != str(threads)]
    if bad:
        sys.exit(f"gan_step_torch.py: set {', '.join(bad)}={threads} before starting python (OpenBLAS reads them at load)")


def models(torch, nn, model, dtype):
    if model == "mlp":
        g = nn.Sequential(nn.Linear(LATENT, 256), nn.LeakyReLU(0.2), nn.Linear(256, 512), nn.LeakyReLU(0.2),
                          nn.Linear(512, 784), nn.Tanh())
        d = nn.Sequential(nn.Linear(784, 512), nn.LeakyReLU(0.2), nn.Linear(512, 256), nn.LeakyReLU(0.2),
                          nn.Linear(256, 1))
        shape = (BATCH, 784)
    else:
        g = nn.Sequential(nn.Linear(LATENT, 128 * 7 * 7), nn.ReLU(), nn.Unflatten(1, (128, 7, 7)),
                          nn.ConvTranspose2d(128, 64, 4, 2, 1), nn.BatchNorm2d(64), nn.ReLU(),
                          nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh())
        d = nn.Sequential(nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2),
                          nn.Conv2d(64, 128, 4, 2, 1), nn.BatchNorm2d(128), nn.LeakyReLU(0.2),
                          nn.Flatten(), nn.Linear(128 * 7 * 7, 1))
        shape = (BATCH, 1, 28, 28)
    return g.to(dtype).train(), d.to(dtype).train(), shape


def make_step(torch, g, d, shape, dtype, variant):
    F = torch.nn.functional
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    # Fixed "real" data: four batches of uniform [-1, 1], cycled (Nash's side does the same).
    reals = [torch.rand(shape, dtype=dtype) * 2 - 1 for _ in range(4)]
    ones = torch.ones(BATCH, 1, dtype=dtype)
    zeros = torch.zeros(BATCH, 1, dtype=dtype)
    d_params = list(d.parameters())
    counter = [0]

    def step_nash():
        real = reals[counter[0] % len(reals)]
        counter[0] += 1
        # D step on real and a detached fake
        with torch.no_grad():
            fake = g(torch.randn(BATCH, LATENT, dtype=dtype))
        loss_d = F.binary_cross_entropy_with_logits(d(real), ones) + F.binary_cross_entropy_with_logits(d(fake), zeros)
        opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        opt_d.step()
        # G step, non-saturating; D's weights frozen so only G's gradients are computed
        for p in d_params:
            p.requires_grad_(False)
        loss_g = F.binary_cross_entropy_with_logits(d(g(torch.randn(BATCH, LATENT, dtype=dtype))), ones)
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()
        for p in d_params:
            p.requires_grad_(True)
        return loss_d.item() + loss_g.item()

    def step_tutorial():
        real = reals[counter[0] % len(reals)]
        counter[0] += 1
        fake = g(torch.randn(BATCH, LATENT, dtype=dtype))
        loss_d = F.binary_cross_entropy_with_logits(d(real), ones) + F.binary_cross_entropy_with_logits(d(fake.detach()), zeros)
        opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        opt_d.step()
        loss_g = F.binary_cross_entropy_with_logits(d(fake), ones)
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()
        return loss_d.item() + loss_g.item()

    return step_nash if variant == "nash" else step_tutorial


def main():
    a = parse_args()
    check_env(a.threads)
    import torch  # after the thread variables are checked
    import torch.nn as nn
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    for name in a.dtypes.split(","):
        dtype = {"float64": torch.float64, "float32": torch.float32}[name]
        torch.manual_seed(a.seed)
        g, d, shape = models(torch, nn, a.model, dtype)
        step = make_step(torch, g, d, shape, dtype, a.variant)
        t0, n = time.perf_counter(), 0
        while n < a.warmup_min_steps or time.perf_counter() - t0 < a.warmup_seconds:
            step()
            n += 1
        times, start = [], time.perf_counter()
        while True:
            if a.steps > 0:
                if len(times) >= a.steps:
                    break
            elif len(times) >= a.max_steps or (len(times) >= a.min_steps and time.perf_counter() - start >= a.seconds):
                break
            s = time.perf_counter()
            step()
            times.append((time.perf_counter() - s) * 1e3)
        print(json.dumps({"model": a.model, "dtype": name, "threads": a.threads, "variant": a.variant,
                          "torch_threads": torch.get_num_threads(), "torch": torch.__version__,
                          "warmup_steps": n, "times_ms": [round(t, 4) for t in times]}), flush=True)


if __name__ == "__main__":
    main()
