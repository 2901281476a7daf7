package nash.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every public op with sample inputs (generic, broadcast, edge shapes), in the spirit of
 * PyTorch's OpInfo. {@link OpRegistryTest} fails when a public op is missing from here.
 * Samples keep away from kinks (relu at 0, |x| at 0, ties in max) where finite differences lie.
 */
final class OpRegistry {

    /** One call of an op on fixed inputs. */
    record Sample(String label, Function<Tensor[], Tensor> f, Tensor... inputs) {}

    /** An op and its samples; {@code secondOrder} when it may sit inside a discriminator. */
    record OpInfo(String key, boolean differentiable, boolean secondOrder, List<Sample> samples) {}

    static final Map<String, OpInfo> OPS = new LinkedHashMap<>();

    private static long seed = 1;

    static Tensor randn(int... shape) { return Tensor.randn(new Rng(seed++), shape); }

    /** Uniform in [lo, hi). */
    static Tensor uniform(double lo, double hi, int... shape) {
        Tensor t = Tensor.rand(new Rng(seed++), shape);
        return t.mul(hi - lo).add(lo);
    }

    /** Values with |x| in [0.2, 2] and random sign: away from 0. */
    static Tensor awayFromZero(int... shape) {
        Tensor mag = uniform(0.2, 2.0, shape);
        Tensor sign = uniform(-1, 1, shape).gt(0.0).mul(2).sub(1);
        return mag.mul(sign);
    }

    private static void op(String key, boolean second, Sample... samples) {
        OPS.put(key, new OpInfo(key, true, second, List.of(samples)));
    }

    private static void nonDifferentiable(String key, Sample... samples) {
        OPS.put(key, new OpInfo(key, false, false, List.of(samples)));
    }

    private static Sample s(String label, Function<Tensor[], Tensor> f, Tensor... in) { return new Sample(label, f, in); }

    /** Three samples of a unary op: generic, scalar (0-d), and an edge shape with a 1. */
    private static void unary(String key, Function<Tensor, Tensor> f, java.util.function.Function<int[], Tensor> gen) {
        op(key, true,
                s("generic [3,4]", in -> f.apply(in[0]), gen.apply(new int[] {3, 4})),
                s("scalar []", in -> f.apply(in[0]), gen.apply(new int[] {})),
                s("edge [1,5,1]", in -> f.apply(in[0]), gen.apply(new int[] {1, 5, 1})));
    }

    /** Three samples of a binary op: same shape, broadcast both ways, and a scalar operand. */
    private static void binary(String key, java.util.function.BinaryOperator<Tensor> f,
                               java.util.function.Function<int[], Tensor> genA, java.util.function.Function<int[], Tensor> genB) {
        op(key, true,
                s("same [2,3]", in -> f.apply(in[0], in[1]), genA.apply(new int[] {2, 3}), genB.apply(new int[] {2, 3})),
                s("broadcast [2,1,3]x[4,1]", in -> f.apply(in[0], in[1]), genA.apply(new int[] {2, 1, 3}), genB.apply(new int[] {4, 1})),
                s("bias [3,4]x[4]", in -> f.apply(in[0], in[1]), genA.apply(new int[] {3, 4}), genB.apply(new int[] {4})),
                s("scalar []x[3]", in -> f.apply(in[0], in[1]), genA.apply(new int[] {}), genB.apply(new int[] {3})));
    }

    static {
        Function<int[], Tensor> any = OpRegistry::randn;
        Function<int[], Tensor> positive = sh -> uniform(0.5, 2.0, sh);
        Function<int[], Tensor> nonzero = OpRegistry::awayFromZero;

        // ---------------- Elementwise
        binary("Elementwise.add", Elementwise::add, any, any);
        op("Elementwise.add(s)", true, s("[3,4]+2", in -> in[0].add(2.5), randn(3, 4)), s("[]+s", in -> in[0].add(-1), randn()),
                s("[1,1]+s", in -> in[0].add(0), randn(1, 1)));
        binary("Elementwise.sub", Elementwise::sub, any, any);
        op("Elementwise.sub(s)", true, s("[3,4]-2", in -> in[0].sub(2.5), randn(3, 4)), s("[]-s", in -> in[0].sub(1), randn()),
                s("[2,1]-s", in -> in[0].sub(-3), randn(2, 1)));
        op("Elementwise.rsub", true, s("2-[3,4]", in -> in[0].rsub(2), randn(3, 4)), s("s-[]", in -> in[0].rsub(-1), randn()),
                s("s-[1,3]", in -> in[0].rsub(0), randn(1, 3)));
        binary("Elementwise.mul", Elementwise::mul, any, any);
        op("Elementwise.mul(s)", true, s("[3,4]*2", in -> in[0].mul(2.5), randn(3, 4)), s("[]*s", in -> in[0].mul(-1), randn()),
                s("[2,1]*0", in -> in[0].mul(0), randn(2, 1)));
        binary("Elementwise.div", Elementwise::div, any, nonzero);
        op("Elementwise.div(s)", true, s("[3,4]/2", in -> in[0].div(2.5), randn(3, 4)), s("[]/s", in -> in[0].div(-3), randn()),
                s("[2,1]/s", in -> in[0].div(0.5), randn(2, 1)));
        op("Elementwise.rdiv", true, s("2/[3,4]", in -> in[0].rdiv(2), awayFromZero(3, 4)), s("s/[]", in -> in[0].rdiv(-1), awayFromZero()),
                s("s/[1,3]", in -> in[0].rdiv(3), awayFromZero(1, 3)));
        op("Elementwise.pow(s)", true, s("[3,4]^3", in -> in[0].pow(3), randn(3, 4)), s("[]^0.5", in -> in[0].pow(0.5), uniform(0.5, 2)),
                s("[2,2]^-1.5", in -> in[0].pow(-1.5), uniform(0.5, 2, 2, 2)), s("^2", in -> in[0].pow(2), randn(2)),
                s("^1", in -> in[0].pow(1), randn(2)), s("^0", in -> in[0].pow(0), randn(2)));
        binary("Elementwise.pow", Elementwise::pow, positive, any);
        unary("Elementwise.neg", Tensor::neg, any);
        unary("Elementwise.exp", Tensor::exp, any);
        unary("Elementwise.log", Tensor::log, positive);
        unary("Elementwise.sqrt", Tensor::sqrt, positive);
        unary("Elementwise.square", Tensor::square, any);
        unary("Elementwise.abs", Tensor::abs, nonzero);
        unary("Elementwise.tanh", Tensor::tanh, any);
        unary("Elementwise.sigmoid", Tensor::sigmoid, any);
        unary("Elementwise.relu", Tensor::relu, nonzero);
        unary("Elementwise.leakyRelu", x -> x.leakyRelu(0.2), nonzero);
        unary("Elementwise.softplus", Tensor::softplus, any);
        unary("Elementwise.logSigmoid", Tensor::logSigmoid, any);
        op("Elementwise.clamp", true,
                s("[3,4] in [-0.5,0.5]", in -> in[0].clamp(-0.5, 0.5), Tensor.of(new double[] {-1.2, -0.7, -0.3, 0.1, 0.2, 0.4, 0.7, 0.9, 1.5, -2, 0.05, -0.05}, 3, 4)),
                s("scalar inside", in -> in[0].clamp(-1, 1), Tensor.scalar(0.3)),
                s("[1,2] above", in -> in[0].clamp(-1, 1), Tensor.of(new double[] {1.5, -1.5}, 1, 2)));
        binary("Elementwise.maximum", Elementwise::maximum, any, any);
        binary("Elementwise.minimum", Elementwise::minimum, any, any);
        op("Elementwise.where", true,
                s("same [2,3]", in -> Elementwise.where(Tensor.of(new double[] {1, 0, 1, 0, 0, 1}, 2, 3), in[0], in[1]), randn(2, 3), randn(2, 3)),
                s("broadcast cond [3] a [2,3] b []", in -> Elementwise.where(Tensor.of(new double[] {0, 1, 1}), in[0], in[1]), randn(2, 3), randn()),
                s("broadcast a [2,1] b [1,3]", in -> Elementwise.where(Tensor.of(new double[] {1, 0, 0, 1, 1, 0}, 2, 3), in[0], in[1]), randn(2, 1), randn(1, 3)));
        for (String c : new String[] {"gt", "ge", "lt", "le", "eq"}) {
            nonDifferentiable("Elementwise." + c,
                    s("same", in -> compare(c, in[0], in[1]), Tensor.of(new double[] {1, 2, 3}), Tensor.of(new double[] {3, 2, 1})),
                    s("broadcast", in -> compare(c, in[0], in[1]), Tensor.of(new double[] {1, 2, 3, 4}, 2, 2), Tensor.of(new double[] {2, 3})),
                    s("scalar", in -> compare(c, in[0], in[1]), Tensor.of(new double[] {1, 2, 3}), Tensor.scalar(2)));
        }

        // ---------------- Reduce
        op("Reduce.sum", true,
                s("all [3,4]", in -> in[0].sum(), randn(3, 4)),
                s("axis 1 keep [2,3,4]", in -> in[0].sum(1, true), randn(2, 3, 4)),
                s("axes 0,2 [2,3,4]", in -> in[0].sum(new int[] {0, 2}, false), randn(2, 3, 4)),
                s("axis -1 [5]", in -> in[0].sum(-1), randn(5)),
                s("scalar []", in -> in[0].sum(), randn()));
        op("Reduce.mean", true,
                s("all [3,4]", in -> in[0].mean(), randn(3, 4)),
                s("axis 0 [3,4]", in -> in[0].mean(0), randn(3, 4)),
                s("axes 0,2,3 keep [2,3,2,2]", in -> in[0].mean(new int[] {0, 2, 3}, true), randn(2, 3, 2, 2)));
        op("Reduce.var", true,
                s("all unbiased [3,4]", in -> in[0].var(), randn(3, 4)),
                s("axis 0 [4,3]", in -> in[0].var(0), randn(4, 3)),
                s("biased axes 0,2 keep [2,3,4]", in -> in[0].var(new int[] {0, 2}, true, false), randn(2, 3, 4)));
        op("Reduce.max", true,
                s("all [3,4]", in -> in[0].max(), randn(3, 4)),
                s("axis 1 [3,4]", in -> in[0].max(1), randn(3, 4)),
                s("axes 0,2 keep [2,3,2]", in -> in[0].max(new int[] {0, 2}, true), randn(2, 3, 2)));
        op("Reduce.min", true,
                s("all [3,4]", in -> in[0].min(), randn(3, 4)),
                s("axis 0 [3,4]", in -> in[0].min(0), randn(3, 4)),
                s("axis -1 keep [2,1,3]", in -> in[0].min(-1, true), randn(2, 1, 3)));
        op("Reduce.norm", true,
                s("all [3,4]", in -> in[0].norm(), randn(3, 4)),
                s("per row [4,3]", in -> in[0].norm(new int[] {1}, false), randn(4, 3)),
                s("per sample keep [2,2,3]", in -> in[0].norm(new int[] {1, 2}, true), randn(2, 2, 3)));
        op("Reduce.logSumExp", true,
                s("all [3,4]", in -> in[0].logSumExp(), randn(3, 4)),
                s("axis 1 [3,4]", in -> in[0].logSumExp(1), randn(3, 4)),
                s("axes 0 keep, large [2,3]", in -> in[0].logSumExp(new int[] {0}, true), randn(2, 3).mul(30)));
        op("Reduce.logSoftmax", true,
                s("axis 1 [3,4]", in -> in[0].logSoftmax(1), randn(3, 4)),
                s("axis 0 [3,2]", in -> in[0].logSoftmax(0), randn(3, 2)),
                s("axis -1 [1,5]", in -> in[0].logSoftmax(-1), randn(1, 5)));
        op("Reduce.softmax", true,
                s("axis 1 [3,4]", in -> in[0].softmax(1), randn(3, 4)),
                s("axis 0 [3,2]", in -> in[0].softmax(0), randn(3, 2)),
                s("axis -1 [2,1,3]", in -> in[0].softmax(-1), randn(2, 1, 3)));

        // ---------------- Movement
        op("Movement.reshape", true,
                s("[2,6]->[3,4]", in -> in[0].reshape(3, 4), randn(2, 6)),
                s("[2,3]->[-1]", in -> in[0].reshape(-1), randn(2, 3)),
                s("[]->[1,1]", in -> in[0].reshape(1, 1), randn()));
        op("Movement.flatten", true,
                s("[2,3,4] from 1", in -> in[0].flatten(1), randn(2, 3, 4)),
                s("[2,3] all", in -> in[0].flatten(), randn(2, 3)),
                s("[] all", in -> in[0].flatten(), randn()));
        op("Movement.squeeze", true,
                s("[1,3,1] all", in -> in[0].squeeze(), randn(1, 3, 1)),
                s("[2,1,3] axis 1", in -> in[0].squeeze(1), randn(2, 1, 3)),
                s("[1] all", in -> in[0].squeeze(), randn(1)));
        op("Movement.unsqueeze", true,
                s("[3] at 0", in -> in[0].unsqueeze(0), randn(3)),
                s("[2,3] at -1", in -> in[0].unsqueeze(-1), randn(2, 3)),
                s("[] at 0", in -> in[0].unsqueeze(0), randn()));
        op("Movement.transpose", true,
                s("[2,3] 0,1", in -> in[0].transpose(0, 1), randn(2, 3)),
                s("[2,3,4] 0,2", in -> in[0].transpose(0, 2), randn(2, 3, 4)),
                s("[1,3] t", in -> in[0].t(), randn(1, 3)));
        op("Movement.permute", true,
                s("[2,3,4] 2,0,1", in -> in[0].permute(2, 0, 1), randn(2, 3, 4)),
                s("[2,3,1,2] 0,2,3,1", in -> in[0].permute(0, 2, 3, 1), randn(2, 3, 1, 2)),
                s("[3,2] 1,0", in -> in[0].permute(1, 0), randn(3, 2)),
                s("[2,3,4] 1,0,2 (last axis kept: runs copied)", in -> in[0].permute(1, 0, 2), randn(2, 3, 4)));
        op("Movement.broadcastTo", true,
                s("[3]->[2,3]", in -> in[0].broadcastTo(2, 3), randn(3)),
                s("[2,1]->[2,4]", in -> in[0].broadcastTo(2, 4), randn(2, 1)),
                s("[]->[2,2]", in -> in[0].broadcastTo(2, 2), randn()));
        op("Movement.narrow", true,
                s("[4,3] axis 0 [1,3)", in -> in[0].narrow(0, 1, 2), randn(4, 3)),
                s("[2,5] axis 1 [4,5)", in -> in[0].narrow(1, 4, 1), randn(2, 5)),
                s("[2,3,4] axis 2 [0,0)", in -> in[0].narrow(2, 0, 0), randn(2, 3, 4)));
        op("Movement.slice", true,
                s("[4,3] axis 0 [1,3)", in -> in[0].slice(0, 1, 3), randn(4, 3)),
                s("[2,5] axis 1 [-2,end)", in -> in[0].slice(1, -2, 5), randn(2, 5)),
                s("[3] all", in -> in[0].slice(0, 0, 3), randn(3)));
        op("Movement.pad", true,
                s("[2,3] axis 1 (1,2)", in -> Movement.pad(in[0], 1, 1, 2), randn(2, 3)),
                s("[3] axis 0 (0,1)", in -> Movement.pad(in[0], 0, 0, 1), randn(3)),
                s("[1,2,2] axis 0 (2,0)", in -> Movement.pad(in[0], 0, 2, 0), randn(1, 2, 2)));
        op("Movement.concat", true,
                s("axis 0 [2,3]+[1,3]", in -> Tensor.concat(0, in[0], in[1]), randn(2, 3), randn(1, 3)),
                s("axis 1 three", in -> Tensor.concat(1, in[0], in[1], in[2]), randn(2, 1), randn(2, 2), randn(2, 3)),
                s("axis -1 [3]+[0]", in -> Tensor.concat(-1, in[0], in[1]), randn(3), randn(0)));
        op("Movement.stack", true,
                s("axis 0 two [3]", in -> Tensor.stack(0, in[0], in[1]), randn(3), randn(3)),
                s("axis 1 three [2,2]", in -> Tensor.stack(1, in[0], in[1], in[2]), randn(2, 2), randn(2, 2), randn(2, 2)),
                s("axis 0 scalars", in -> Tensor.stack(0, in[0], in[1]), randn(), randn()));
        op("Movement.indexSelect", true,
                s("rows [4,3] 2,0,2", in -> in[0].indexSelect(0, 2, 0, 2), randn(4, 3)),
                s("cols [2,5] 4", in -> in[0].indexSelect(1, 4), randn(2, 5)),
                s("[3] empty", in -> in[0].indexSelect(0), randn(3)));
        op("Movement.indexAdd", true,
                s("rows [3,2] into 4", in -> Movement.indexAdd(in[0], 0, new int[] {1, 3, 1}, 4), randn(3, 2)),
                s("cols [2,2] into 3", in -> Movement.indexAdd(in[0], 1, new int[] {2, 0}, 3), randn(2, 2)),
                s("[1] into 1", in -> Movement.indexAdd(in[0], 0, new int[] {0}, 1), randn(1)));
        op("Shape.sumTo", true,
                s("[2,3]->[3]", in -> Shape.sumTo(in[0], new int[] {3}), randn(2, 3)),
                s("[2,3,4]->[2,1,4]", in -> Shape.sumTo(in[0], new int[] {2, 1, 4}), randn(2, 3, 4)),
                s("[2,2]->[]", in -> Shape.sumTo(in[0], new int[] {}), randn(2, 2)));

        // ---------------- MatMul
        op("MatMul.matmul", true,
                s("[2,3]x[3,4]", in -> in[0].matmul(in[1]), randn(2, 3), randn(3, 4)),
                s("[3,2]Tx[3,4]", in -> in[0].matmul(in[1], true, false), randn(3, 2), randn(3, 4)),
                s("[2,3]x[4,3]T", in -> in[0].matmul(in[1], false, true), randn(2, 3), randn(4, 3)),
                s("[3,2]Tx[4,3]T", in -> in[0].matmul(in[1], true, true), randn(3, 2), randn(4, 3)),
                s("batched [2,2,3]x[2,3,2]", in -> in[0].matmul(in[1]), randn(2, 2, 3), randn(2, 3, 2)),
                s("batched T [2,3,2]Tx[2,2,3]T", in -> in[0].matmul(in[1], true, true), randn(2, 3, 2), randn(2, 2, 3)),
                s("[2,2,3]x[3,2]", in -> in[0].matmul(in[1]), randn(2, 2, 3), randn(3, 2)),
                s("[2,3,2]Tx[3,2]", in -> in[0].matmul(in[1], true, false), randn(2, 3, 2), randn(3, 2)),
                s("[2,3]x[2,3,2]", in -> in[0].matmul(in[1]), randn(2, 3), randn(2, 3, 2)),
                s("[2,3]x[2,2,3]T", in -> in[0].matmul(in[1], false, true), randn(2, 3), randn(2, 2, 3)),
                s("edge [1,1]x[1,1]", in -> in[0].matmul(in[1]), randn(1, 1), randn(1, 1)),
                s("edge empty batch [2,3]x[0,3,4]", in -> in[0].matmul(in[1]), randn(2, 3), randn(0, 3, 4)),
                s("edge empty batch [2,3]x[0,4,3]T", in -> in[0].matmul(in[1], false, true), randn(2, 3), randn(0, 4, 3)));

        op("MatMul.linear", true,
                s("[4,3]·[2,3]ᵀ+b", in -> MatMul.linear(in[0], in[1], in[2]), randn(4, 3), randn(2, 3), randn(2)),
                s("no bias [2,5]·[3,5]ᵀ", in -> MatMul.linear(in[0], in[1], null), randn(2, 5), randn(3, 5)),
                s("edge [1,1]·[1,1]ᵀ+b", in -> MatMul.linear(in[0], in[1], in[2]), randn(1, 1), randn(1, 1), randn(1)));

        op("Norm.batchNorm", true,
                s("[4,3] affine", in -> Norm.batchNorm(in[0], in[1], in[2], 1e-5, null, null), randn(4, 3), uniform(0.5, 1.5, 3), randn(3)),
                s("[2,2,2,3] affine", in -> Norm.batchNorm(in[0], in[1], in[2], 1e-5, null, null), randn(2, 2, 2, 3), uniform(0.5, 1.5, 2), randn(2)),
                s("[3,2,4] no affine", in -> Norm.batchNorm(in[0], null, null, 1e-3, null, null), randn(3, 2, 4)));

        // ---------------- Conv
        op("Conv.im2col", true,
                s("[1,2,4,4] k3 s1 p1", in -> Conv.im2col(in[0], 3, 3, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}), randn(1, 2, 4, 4)),
                s("[2,1,5,5] k2 s2 p0", in -> Conv.im2col(in[0], 2, 2, new int[] {2, 2}, new int[] {0, 0}, new int[] {1, 1}), randn(2, 1, 5, 5)),
                s("[1,1,5,4] k2x3 s(2,1) p(1,0) d2", in -> Conv.im2col(in[0], 2, 3, new int[] {2, 1}, new int[] {1, 0}, new int[] {2, 1}), randn(1, 1, 5, 4)));
        op("Conv.col2im", true,
                s("to [1,2,3,3] k2 s1 p0", in -> Conv.col2im(in[0], new int[] {1, 2, 3, 3}, 2, 2, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}), randn(8, 4)),
                s("to [2,1,4,4] k3 s2 p1", in -> Conv.col2im(in[0], new int[] {2, 1, 4, 4}, 3, 3, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}), randn(9, 8)),
                s("to [1,1,3,3] k1", in -> Conv.col2im(in[0], new int[] {1, 1, 3, 3}, 1, 1, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}), randn(1, 9)));
        op("Conv.conv2d", true,
                s("[2,2,5,5] w[3,2,3,3] s1 p1 +b", in -> Conv.conv2d(in[0], in[1], in[2], 1, 1), randn(2, 2, 5, 5), randn(3, 2, 3, 3), randn(3)),
                s("[1,1,6,6] w[2,1,4,4] s2 p1", in -> Conv.conv2d(in[0], in[1], null, 2, 1), randn(1, 1, 6, 6), randn(2, 1, 4, 4)),
                s("[1,2,5,4] w[1,2,2,2] s(1,2) p(0,1) d(2,1)", in -> Conv.conv2d(in[0], in[1], in[2], new int[] {1, 2}, new int[] {0, 1}, new int[] {2, 1}),
                        randn(1, 2, 5, 4), randn(1, 2, 2, 2), randn(1)));
        op("Conv.convTranspose2d", true,
                s("[2,2,3,3] w[2,3,4,4] s2 p1 +b", in -> Conv.convTranspose2d(in[0], in[1], in[2], 2, 1), randn(2, 2, 3, 3), randn(2, 3, 4, 4), randn(3)),
                s("[1,1,2,2] w[1,2,3,3] s1 p0", in -> Conv.convTranspose2d(in[0], in[1], null, 1, 0), randn(1, 1, 2, 2), randn(1, 2, 3, 3)),
                s("[1,2,2,3] w[2,1,3,2] s(2,3) p(1,0) op(1,2) d(1,1)", in -> Conv.convTranspose2d(in[0], in[1], null,
                        new int[] {2, 3}, new int[] {1, 0}, new int[] {1, 2}, new int[] {1, 1}), randn(1, 2, 2, 3), randn(2, 1, 3, 2)));

        // ---------------- Losses
        op("Losses.bceWithLogits", true,
                s("[4] targets 0/1", in -> Losses.bceWithLogits(in[0], Tensor.of(new double[] {1, 0, 1, 0})), randn(4)),
                s("[2,3] soft targets", in -> Losses.bceWithLogits(in[0], in[1]), randn(2, 3), uniform(0.1, 0.9, 2, 3)),
                s("[3] smoothing 0.1 sum", in -> Losses.bceWithLogits(in[0], Tensor.of(new double[] {1, 1, 0}), 0.1, Losses.Reduction.SUM), randn(3)),
                s("[2] none", in -> Losses.bceWithLogits(in[0], Tensor.of(new double[] {0.3, 1}), 0, Losses.Reduction.NONE), randn(2)));
        op("Losses.mse", true,
                s("[3,2]", in -> Losses.mse(in[0], in[1]), randn(3, 2), randn(3, 2)),
                s("broadcast [3,2] vs [2]", in -> Losses.mse(in[0], in[1]), randn(3, 2), randn(2)),
                s("[] sum", in -> Losses.mse(in[0], in[1], Losses.Reduction.SUM), randn(), randn()));
        op("Losses.crossEntropy", true,
                s("labels [3,4]", in -> Losses.crossEntropy(in[0], new int[] {0, 3, 1}), randn(3, 4)),
                s("labels [1,2] none", in -> Losses.crossEntropy(in[0], new int[] {1}, Losses.Reduction.NONE), randn(1, 2)),
                s("probs [2,3]", in -> Losses.crossEntropy(in[0], in[1].softmax(1)), randn(2, 3), randn(2, 3)));
    }

    private static Tensor compare(String c, Tensor a, Tensor b) {
        switch (c) {
            case "gt": return a.gt(b);
            case "ge": return a.ge(b);
            case "lt": return a.lt(b);
            case "le": return a.le(b);
            default: return a.eq(b);
        }
    }

    static List<OpInfo> all() { return new ArrayList<>(OPS.values()); }

    private OpRegistry() {}
}
