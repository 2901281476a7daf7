"""Golden values for Nash's nn layers, initialisers and optimizers, computed by PyTorch in float64.

Writes nn/src/test/resources/golden/*.safetensors, read by nash.nn.GoldenTest and
nash.nn.optim.OptimizerGoldenTest. Every weight, input and upstream gradient is drawn here from
a fixed torch seed and stored beside the results, so Java loads the exact same values.

File layout: every tensor key is "<case>.<what>". The file's one metadata entry, "cases", has a
line "<case>: <configuration>" per case, the configuration as "key=value" pairs separated by
spaces (tuples as "3,2", floats as Python's round-trip repr); lines starting with "#" are
comments. (One entry, because the package writes metadata in hash order: the files stay
byte-for-byte reproducible.) For a layer case, <what> is
    x, gy                 input and upstream gradient
    (a case with "modes=train,train,eval" has these for each step i as "<i>.x", "<i>.y", ...)
    state.<key>           parameters and buffers loaded before the forward (Nash's state-dict keys)
    y, gx                 forward output and input gradient (no gx for Embedding's indices)
    grad.<key>            parameter gradients
    after.<key>           buffers after the forward (batch-norm running statistics, u and v)
An optimizer case: init.<i> the parameters, grad<t>.<i> their gradients at step t (absent: no
gradient), step<t>.<i> the parameters after step t. An initialiser case: value, the scalars torch
computed ([lo, hi] of a uniform, [mean, std] of a normal, a gain, [fanIn, fanOut]); for a layer's
default initialisation, weight and bias ([lo, hi] or [mean, std]) or state.<key>.

Dropout: Nash's and PyTorch's random generators differ, so only the deterministic cases are
compared (evaluation mode, and p = 0 and p = 1 in training). Initialisers: likewise only the
bounds, standard deviations, gains and fans that torch computes, recorded from its calls.

Run from the repository root (see README.md beside this file).
"""
import math
import os

import torch
from safetensors.numpy import save_file

torch.set_default_dtype(torch.float64)
OUT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden"))


def fmt(v):
    """A config value as text: tuples "3,2", booleans "true"/"false", floats by round-trip repr."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (tuple, list)):
        return ",".join(fmt(e) for e in v)
    return v if isinstance(v, str) else repr(v)


class Fixture:
    """Tensors and case configurations for one safetensors file."""

    def __init__(self, name, seed):
        self.name = name
        self.tensors = {}
        self.lines = [f"# make_golden.py, torch {torch.__version__}, float64, seed {seed}"]
        self.names = set()
        torch.manual_seed(seed)

    def case(self, case, **config):
        assert "." not in case and ":" not in case and case not in self.names, case
        self.names.add(case)
        self.lines.append(f"{case}: " + " ".join(f"{k}={fmt(v)}" for k, v in config.items()))

    def put(self, key, t):
        assert key not in self.tensors, key
        self.tensors[key] = torch.as_tensor(t).detach().to(torch.float64).clone().numpy()   # a copy: later in-place updates must not reach it

    def save(self):
        os.makedirs(OUT, exist_ok=True)
        path = os.path.join(OUT, self.name + ".safetensors")
        save_file(self.tensors, path, metadata={"cases": "\n".join(self.lines)})
        print(f"{path}: {len(self.tensors)} tensors, {os.path.getsize(path)} bytes")


# ---------------------------------------------------------------------------------- layers

def spectral_key(k):
    """torch's spectral_norm keys → Nash's (the wrapped layer is the child "module")."""
    if k == "weight_orig":
        return "module.weight"
    if k in ("weight_u", "weight_v"):
        return k
    return "module." + k


def layer_case(f, case, module, x, train, config, key=lambda k: k, x_grad=True):
    """Runs module on x (train or eval), backward with a random upstream gradient, stores it all."""
    f.case(case, mode="train" if train else "eval", **config)
    for k, v in module.state_dict().items():
        f.put(f"{case}.state.{key(k)}", v.clone())
    forward_backward(f, case, module, x, train, key, x_grad)


def sequence_case(f, case, module, xs, modes, config, key=lambda k: k):
    """Several forwards (and backwards) in a row, keys "<case>.<i>.x" etc.: buffers evolve across them."""
    f.case(case, modes=modes, **config)
    for k, v in module.state_dict().items():
        f.put(f"{case}.state.{key(k)}", v.clone())
    for i, (x, mode) in enumerate(zip(xs, modes)):
        module.zero_grad(set_to_none=True)
        forward_backward(f, f"{case}.{i}", module, x, mode == "train", key, True)


def forward_backward(f, prefix, module, x, train, key, x_grad):
    module.train(train)
    x = x.clone()
    f.put(f"{prefix}.x", x)
    if x_grad:
        x.requires_grad_(True)
    y = module(x)
    gy = torch.randn_like(y)
    y.backward(gy)
    f.put(f"{prefix}.gy", gy)
    f.put(f"{prefix}.y", y)
    if x_grad:
        f.put(f"{prefix}.gx", x.grad)
    for k, p in module.named_parameters():
        f.put(f"{prefix}.grad.{key(k)}", p.grad)
    for k, b in module.named_buffers():
        f.put(f"{prefix}.after.{key(k)}", b.clone())


def linear():
    f = Fixture("linear", 101)
    for case, (i, o, bias, xs) in {
        "basic": (4, 3, True, (5, 4)),
        "nobias": (4, 3, False, (5, 4)),
        "input3d": (4, 3, True, (2, 3, 4)),
        "input1d": (4, 3, True, (4,)),
    }.items():
        layer_case(f, case, torch.nn.Linear(i, o, bias=bias), torch.randn(xs), True,
                   dict(layer="Linear", **{"in": i}, out=o, bias=bias))
    f.save()


def conv2d():
    f = Fixture("conv2d", 102)
    # name: in, out, kernel, stride, padding, dilation, bias, input shape
    cases = {
        "k3_s1_p1": (2, 3, (3, 3), (1, 1), (1, 1), (1, 1), True, (2, 2, 5, 6)),
        "k3_s2_p1_nobias": (2, 3, (3, 3), (2, 2), (1, 1), (1, 1), False, (2, 2, 5, 6)),
        "k4_s2_p1": (2, 3, (4, 4), (2, 2), (1, 1), (1, 1), True, (2, 2, 6, 6)),
        "k3x2_s2x1_p1x0_d1x2": (2, 3, (3, 2), (2, 1), (1, 0), (1, 2), True, (2, 2, 7, 6)),
        "k3_d2_p2": (2, 3, (3, 3), (1, 1), (2, 2), (2, 2), True, (2, 2, 6, 5)),
        "k1": (3, 2, (1, 1), (1, 1), (0, 0), (1, 1), True, (2, 3, 3, 4)),
        "k2x3_s1x2_p0x1_d2x1_nobias": (2, 3, (2, 3), (1, 2), (0, 1), (2, 1), False, (1, 2, 6, 7)),
        "k2_s3_p3_batch1": (2, 3, (2, 2), (3, 3), (3, 3), (1, 1), True, (1, 2, 5, 4)),   # stride > kernel, padding > kernel
    }
    for case, (i, o, k, s, p, d, bias, xs) in cases.items():
        m = torch.nn.Conv2d(i, o, k, stride=s, padding=p, dilation=d, bias=bias)
        layer_case(f, case, m, torch.randn(xs), True,
                   dict(layer="Conv2d", **{"in": i}, out=o, kernel=k, stride=s, padding=p, dilation=d, bias=bias))
    f.save()


def conv_transpose2d():
    f = Fixture("conv_transpose2d", 103)
    # name: in, out, kernel, stride, padding, output padding, dilation, bias, input shape
    cases = {
        "k4_s2_p1": (3, 2, (4, 4), (2, 2), (1, 1), (0, 0), (1, 1), True, (2, 3, 3, 4)),
        "k3_s2_p1_op1": (3, 2, (3, 3), (2, 2), (1, 1), (1, 1), (1, 1), True, (2, 3, 3, 3)),
        "k3x2_s2x3_p1x0_op1x2": (3, 2, (3, 2), (2, 3), (1, 0), (1, 2), (1, 1), True, (2, 3, 3, 3)),
        "k3_s2_p1_op1_d2_nobias": (3, 2, (3, 3), (2, 2), (1, 1), (1, 1), (2, 2), False, (2, 3, 3, 2)),
        "k4_s1_p0_from1x1": (3, 2, (4, 4), (1, 1), (0, 0), (0, 0), (1, 1), True, (2, 3, 1, 1)),
        "k2x3_s1_p0x1_d1x2": (2, 3, (2, 3), (1, 1), (0, 1), (0, 0), (1, 2), True, (1, 2, 4, 3)),
        "k3_s1_p2_crop": (3, 2, (3, 3), (1, 1), (2, 2), (0, 0), (1, 1), True, (1, 3, 5, 4)),
        "k2_s3_op2_gaps": (2, 2, (2, 2), (3, 3), (0, 0), (2, 2), (1, 1), True, (2, 2, 2, 3)),  # stride > kernel: output gaps
    }
    for case, (i, o, k, s, p, op, d, bias, xs) in cases.items():
        m = torch.nn.ConvTranspose2d(i, o, k, stride=s, padding=p, output_padding=op, dilation=d, bias=bias)
        layer_case(f, case, m, torch.randn(xs), True,
                   dict(layer="ConvTranspose2d", **{"in": i}, out=o, kernel=k, stride=s, padding=p,
                        output_padding=op, dilation=d, bias=bias))
    f.save()


def randomize_norm(m):
    """Non-trivial affine parameters and running statistics, so that every term matters."""
    with torch.no_grad():
        if getattr(m, "weight", None) is not None:
            m.weight.copy_(1 + 0.5 * torch.randn_like(m.weight))
            m.bias.copy_(0.5 * torch.randn_like(m.bias))
        if getattr(m, "running_mean", None) is not None:
            m.running_mean.copy_(torch.randn_like(m.running_mean))
            m.running_var.copy_(0.5 + torch.rand_like(m.running_var))
    return m


def batchnorm():
    f = Fixture("batchnorm", 104)
    # name: class, channels, eps, momentum, affine, track, batches tracked before, train, input shape
    cases = {
        "bn1d_train": ("BatchNorm1d", 3, 1e-5, 0.1, True, True, 0, True, (6, 3)),
        "bn1d_train_ncl": ("BatchNorm1d", 3, 1e-5, 0.1, True, True, 0, True, (4, 3, 5)),
        "bn1d_eval": ("BatchNorm1d", 3, 1e-5, 0.1, True, True, 0, False, (6, 3)),
        "bn1d_eval_ncl": ("BatchNorm1d", 3, 1e-5, 0.1, True, True, 0, False, (4, 3, 5)),
        "bn1d_cumulative_train": ("BatchNorm1d", 3, 1e-5, None, True, True, 3, True, (5, 3)),
        "bn1d_noaffine_train": ("BatchNorm1d", 3, 1e-3, 0.3, False, True, 0, True, (5, 3)),
        "bn1d_nostats_eval": ("BatchNorm1d", 3, 1e-5, 0.1, True, False, 0, False, (5, 3)),
        "bn2d_train": ("BatchNorm2d", 3, 1e-5, 0.1, True, True, 0, True, (2, 3, 4, 5)),
        "bn2d_eval": ("BatchNorm2d", 3, 1e-5, 0.1, True, True, 0, False, (2, 3, 4, 5)),
        "bn2d_momentum_eps_train": ("BatchNorm2d", 2, 1e-3, 0.3, True, True, 5, True, (3, 2, 2, 3)),
        "bn2d_nostats_train": ("BatchNorm2d", 2, 1e-5, 0.1, True, False, 0, True, (3, 2, 2, 3)),
        "bn2d_batch1_train": ("BatchNorm2d", 3, 1e-5, 0.1, True, True, 0, True, (1, 3, 2, 3)),
    }
    for case, (cls, c, eps, mom, affine, track, tracked, train, xs) in cases.items():
        m = randomize_norm(getattr(torch.nn, cls)(c, eps=eps, momentum=mom, affine=affine, track_running_stats=track))
        if track:
            m.num_batches_tracked.fill_(tracked)
        # momentum "none": the cumulative average.
        layer_case(f, case, m, 2 + 3 * torch.randn(xs), train,
                   dict(layer=cls, channels=c, eps=eps, momentum="none" if mom is None else mom, affine=affine, track=track))
    # Running statistics over several training steps, then used in evaluation.
    for case, (cls, mom, xs) in {"bn1d_cumulative_sequence": ("BatchNorm1d", None, (4, 3)),
                                 "bn2d_sequence": ("BatchNorm2d", 0.1, (2, 3, 2, 2))}.items():
        m = randomize_norm(getattr(torch.nn, cls)(3, momentum=mom))
        sequence_case(f, case, m, [2 + 3 * torch.randn(xs) for _ in range(4)], ("train", "train", "train", "eval"),
                      dict(layer=cls, channels=3, eps=1e-5, momentum="none" if mom is None else mom, affine=True, track=True))
    f.save()


def layernorm():
    f = Fixture("layernorm", 105)
    cases = {
        "last1": ((5,), 1e-5, True, (3, 5)),
        "last1_3d": ((5,), 1e-5, True, (2, 3, 5)),
        "last2": ((4, 5), 1e-5, True, (2, 4, 5)),
        "last2_4d_noaffine_eps": ((3, 4), 1e-3, False, (2, 2, 3, 4)),
    }
    for case, (shape, eps, affine, xs) in cases.items():
        m = randomize_norm(torch.nn.LayerNorm(shape, eps=eps, elementwise_affine=affine))
        layer_case(f, case, m, 1 + 2 * torch.randn(xs), True,
                   dict(layer="LayerNorm", shape=shape, eps=eps, affine=affine))
    # A constant row: variance 0, so eps alone keeps the division finite.
    x = torch.randn(3, 5)
    x[1] = 0.7
    layer_case(f, "last1_constant_row", randomize_norm(torch.nn.LayerNorm(5)), x, True,
               dict(layer="LayerNorm", shape=(5,), eps=1e-5, affine=True))
    f.save()


def activations():
    f = Fixture("activations", 106)
    x = 3 * torch.randn(3, 7)
    # Edge values: 0 (which side the kink's gradient takes), saturation, tiny values.
    x[0, :7] = torch.tensor([0.0, 40.0, -40.0, 1e-3, -1e-3, 800.0, -800.0])
    for case, (m, config) in {
        "relu": (torch.nn.ReLU(), dict(layer="ReLU")),
        "leaky_relu_default": (torch.nn.LeakyReLU(), dict(layer="LeakyReLU")),
        "leaky_relu_0.2": (torch.nn.LeakyReLU(0.2), dict(layer="LeakyReLU", slope=0.2)),
        "tanh": (torch.nn.Tanh(), dict(layer="Tanh")),
        "sigmoid": (torch.nn.Sigmoid(), dict(layer="Sigmoid")),
    }.items():
        layer_case(f, case.replace(".", "_"), m, x, True, config)
    f.save()


def shapes():
    """Flatten, Unflatten, Upsample, Dropout (its deterministic cases only) and Embedding."""
    f = Fixture("shapes", 107)
    layer_case(f, "flatten", torch.nn.Flatten(), torch.randn(2, 3, 2, 2), True, dict(layer="Flatten"))
    layer_case(f, "flatten_from2", torch.nn.Flatten(2), torch.randn(2, 3, 2, 2), True, dict(layer="Flatten", start=2))
    layer_case(f, "unflatten", torch.nn.Unflatten(1, (3, 4)), torch.randn(2, 12), True,
               dict(layer="Unflatten", axis=1, sizes=(3, 4)))
    layer_case(f, "unflatten_last", torch.nn.Unflatten(-1, (2, 3)), torch.randn(2, 4, 6), True,
               dict(layer="Unflatten", axis=-1, sizes=(2, 3)))
    layer_case(f, "upsample2", torch.nn.Upsample(scale_factor=2, mode="nearest"), torch.randn(2, 3, 3, 4), True,
               dict(layer="Upsample", scale=2))
    layer_case(f, "upsample3", torch.nn.Upsample(scale_factor=3, mode="nearest"), torch.randn(1, 2, 2, 3), True,
               dict(layer="Upsample", scale=3))
    # Dropout draws its masks from each library's own generator: only these cases are comparable.
    layer_case(f, "dropout_eval", torch.nn.Dropout(0.5), torch.randn(3, 4), False, dict(layer="Dropout", p=0.5))
    layer_case(f, "dropout_p0_train", torch.nn.Dropout(0.0), torch.randn(3, 4), True, dict(layer="Dropout", p=0.0))
    layer_case(f, "dropout_p1_train", torch.nn.Dropout(1.0), torch.randn(3, 4), True, dict(layer="Dropout", p=1.0))
    # Repeated indices: their rows' gradients add up.
    idx = torch.tensor([[1, 4, 1, 6], [0, 4, 4, 2]])
    layer_case(f, "embedding", torch.nn.Embedding(7, 3), idx, True, dict(layer="Embedding", num=7, dim=3), x_grad=False)
    layer_case(f, "embedding_1d", torch.nn.Embedding(5, 4), torch.tensor([3, 0, 3, 3, 1]), True,
               dict(layer="Embedding", num=5, dim=4), x_grad=False)
    f.save()


def spectral_norm():
    f = Fixture("spectral_norm", 108)
    SN = torch.nn.utils.spectral_norm
    cases = {
        "linear": (lambda: torch.nn.Linear(4, 3), dict(inner="Linear", **{"in": 4}, out=3, bias=True), (5, 4), 1),
        "linear_nobias_2iter": (lambda: torch.nn.Linear(3, 5, bias=False), dict(inner="Linear", **{"in": 3}, out=5, bias=False), (2, 3), 2),
        "conv2d": (lambda: torch.nn.Conv2d(2, 3, 3, stride=1, padding=1),
                   dict(inner="Conv2d", **{"in": 2}, out=3, kernel=(3, 3), stride=(1, 1), padding=(1, 1), dilation=(1, 1), bias=True),
                   (2, 2, 4, 5), 1),
        "conv_transpose2d": (lambda: torch.nn.ConvTranspose2d(3, 2, 4, stride=2, padding=1),
                             dict(inner="ConvTranspose2d", **{"in": 3}, out=2, kernel=(4, 4), stride=(2, 2), padding=(1, 1),
                                  output_padding=(0, 0), dilation=(1, 1), bias=True),
                             (2, 3, 3, 3), 1),
    }
    for name, (make, config, xs, iters) in cases.items():
        for train in (False, True):
            m = SN(make(), n_power_iterations=iters)
            # A few power iterations first, so u and v are near the singular vectors (σ well away from 0).
            with torch.no_grad():
                m.train()
                for _ in range(3):
                    m(torch.randn(xs))
            layer_case(f, name + ("_train" if train else "_eval"), m, torch.randn(xs), train,
                       dict(layer="SpectralNorm", iterations=iters, eps=1e-12, **config), key=spectral_key)
        # u and v advanced by several training forwards, then used in evaluation.
        sequence_case(f, name + "_sequence", SN(make(), n_power_iterations=iters), [torch.randn((1,) + xs[1:]) for _ in range(3)],
                      ("train", "train", "eval"), dict(layer="SpectralNorm", iterations=iters, eps=1e-12, **config),
                      key=spectral_key)
    f.save()


# ---------------------------------------------------------------------------------- initialisers

class Recorder:
    """Records the arguments of Tensor.uniform_ and Tensor.normal_: the bounds and stds torch computed."""

    def __enter__(self):
        self.calls = []
        self.saved = torch.Tensor.uniform_, torch.Tensor.normal_
        uniform, normal = self.saved

        def rec_uniform(t, a=0.0, b=1.0, **kw):
            self.calls.append(("uniform", tuple(t.shape), a, b))
            return uniform(t, a, b, **kw)

        def rec_normal(t, mean=0.0, std=1.0, **kw):
            self.calls.append(("normal", tuple(t.shape), mean, std))
            return normal(t, mean, std, **kw)

        torch.Tensor.uniform_, torch.Tensor.normal_ = rec_uniform, rec_normal
        return self

    def __exit__(self, *exc):
        torch.Tensor.uniform_, torch.Tensor.normal_ = self.saved

    def only(self):
        assert len(self.calls) == 1, self.calls
        kind, _, a, b = self.calls[0]
        return [a, b]


def init():
    f = Fixture("init", 109)
    init = torch.nn.init
    slopes = {"linear": None, "conv1d": None, "conv2d": None, "conv_transpose2d": None, "sigmoid": None,
              "tanh": None, "relu": None, "selu": None}
    gains = [(k, v) for k, v in slopes.items()] + [("leaky_relu", None), ("leaky_relu", 0.2), ("leaky_relu", math.sqrt(5))]
    for i, (nl, p) in enumerate(gains):
        f.case(f"gain{i}", fn="gain", nonlinearity=nl, slope=0.01 if p is None else p)   # torch's default slope: 0.01
        f.put(f"gain{i}.value", torch.tensor(init.calculate_gain(nl, p)))

    weight_shapes = [(3, 4), (5, 2, 3, 3), (2, 7, 4, 2), (1, 1, 1, 1), (16, 8, 5)]
    for i, s in enumerate(weight_shapes):
        f.case(f"fans{i}", fn="fans", shape=s)
        f.put(f"fans{i}.value", torch.tensor(init._calculate_fan_in_and_fan_out(torch.empty(s))))

    n = 0
    for s in weight_shapes:
        for a, mode, nl in [(math.sqrt(5), "fan_in", "leaky_relu"), (0.0, "fan_in", "relu"), (0.2, "fan_out", "leaky_relu"),
                            (0.0, "fan_out", "tanh")]:
            for fn in ("kaiming_uniform", "kaiming_normal"):
                with Recorder() as r:
                    getattr(init, fn + "_")(torch.empty(s), a=a, mode=mode, nonlinearity=nl)
                f.case(f"kaiming{n}", fn=fn, a=a, mode=mode, nonlinearity=nl, shape=s)
                f.put(f"kaiming{n}.value", torch.tensor(r.only()))     # [lo, hi] or [mean, std]
                n += 1
        for gain in (1.0, 5.0 / 3.0, math.sqrt(2.0)):
            for fn in ("xavier_uniform", "xavier_normal"):
                with Recorder() as r:
                    getattr(init, fn + "_")(torch.empty(s), gain=gain)
                f.case(f"xavier{n}", fn=fn, gain=gain, shape=s)
                f.put(f"xavier{n}.value", torch.tensor(r.only()))
                n += 1

    # Layers' default initialisation: the bounds reset_parameters() used, weight then bias.
    for case, (make, config) in {
        "default_linear": (lambda: torch.nn.Linear(6, 3), dict(layer="Linear", **{"in": 6}, out=3, bias=True)),
        "default_conv2d": (lambda: torch.nn.Conv2d(3, 4, (3, 2)),
                           dict(layer="Conv2d", **{"in": 3}, out=4, kernel=(3, 2), stride=(1, 1), padding=(0, 0), dilation=(1, 1), bias=True)),
        "default_conv_transpose2d": (lambda: torch.nn.ConvTranspose2d(3, 5, (4, 3)),
                                     dict(layer="ConvTranspose2d", **{"in": 3}, out=5, kernel=(4, 3), stride=(1, 1), padding=(0, 0),
                                          output_padding=(0, 0), dilation=(1, 1), bias=True)),
        "default_embedding": (lambda: torch.nn.Embedding(6, 4), dict(layer="Embedding", num=6, dim=4)),
    }.items():
        with Recorder() as r:
            make()
        f.case(case, fn="module", **config)
        for (kind, shape, a, b), name in zip(r.calls, ("weight", "bias")):
            f.put(f"{case}.{name}", torch.tensor([a, b]))
    for case, (m, config) in {
        "default_batchnorm2d": (torch.nn.BatchNorm2d(3), dict(layer="BatchNorm2d", channels=3, eps=1e-5, momentum=0.1, affine=True, track=True)),
        "default_layernorm": (torch.nn.LayerNorm((2, 3)), dict(layer="LayerNorm", shape=(2, 3), eps=1e-5, affine=True)),
    }.items():
        f.case(case, fn="state", **config)
        for k, v in m.state_dict().items():
            f.put(f"{case}.state.{k}", v)
    f.save()


# ---------------------------------------------------------------------------------- optimizers

def optimizers():
    f = Fixture("optim", 110)
    O = torch.optim
    cases = {
        "sgd": (O.SGD, dict(lr=0.1)),
        "sgd_momentum": (O.SGD, dict(lr=0.1, momentum=0.9)),
        "sgd_nesterov_wd": (O.SGD, dict(lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.01)),
        "sgd_dampening": (O.SGD, dict(lr=0.1, momentum=0.9, dampening=0.5)),
        "adam": (O.Adam, dict(lr=0.01)),
        "adam_betas_wd": (O.Adam, dict(lr=0.02, betas=(0.5, 0.999), weight_decay=0.1)),
        "adamw": (O.AdamW, dict(lr=0.01)),
        "adamw_betas_wd_eps": (O.AdamW, dict(lr=0.02, betas=(0.5, 0.9), weight_decay=0.1, eps=1e-6)),
        "rmsprop": (O.RMSprop, dict(lr=0.01)),
        "rmsprop_centered_momentum_wd": (O.RMSprop, dict(lr=0.01, alpha=0.9, centered=True, momentum=0.5, weight_decay=0.1)),
        # Parameter 1 has no gradient at step 2: it is skipped, and its own step count stays behind.
        "sgd_momentum_skip": (O.SGD, dict(lr=0.1, momentum=0.9)),
        "adam_skip": (O.Adam, dict(lr=0.01)),
        "rmsprop_momentum_skip": (O.RMSprop, dict(lr=0.01, momentum=0.5)),
    }
    shapes = [(3, 4), (5,)]
    for case, (cls, kw) in cases.items():
        params = [torch.randn(s).requires_grad_(True) for s in shapes]
        grads = [[torch.randn(s) for s in shapes] for _ in range(3)]
        for g in grads:
            g[0][0, 0] = 0.0                      # a zero gradient: √0 + eps in the adaptive methods
        f.case(case, opt=cls.__name__, **kw)      # only the hyperparameters given: Nash's defaults must be torch's
        for i, p in enumerate(params):
            f.put(f"{case}.init.{i}", p)
        opt = cls(params, **kw)
        for t, g in enumerate(grads, start=1):
            for i, (p, gi) in enumerate(zip(params, g)):
                if case.endswith("_skip") and t == 2 and i == 1:
                    p.grad = None                 # no "grad2.1" tensor in the fixture
                    continue
                p.grad = gi.clone()
                f.put(f"{case}.grad{t}.{i}", gi)
            opt.step()
            for i, p in enumerate(params):
                f.put(f"{case}.step{t}.{i}", p)
    f.save()


if __name__ == "__main__":
    torch.set_num_threads(1)
    for make in (linear, conv2d, conv_transpose2d, batchnorm, layernorm, activations, shapes, spectral_norm, init, optimizers):
        make()
