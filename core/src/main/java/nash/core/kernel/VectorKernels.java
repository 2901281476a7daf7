package nash.core.kernel;

import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels of {@link ScalarKernels}, rewritten with the JDK Vector API where that pays.
 *
 * <p>Only loaded when the {@code jdk.incubator.vector} module is present (see
 * {@link KernelsProvider}). Each loop runs whole vectors up to {@code SPECIES.loopBound(n)} and
 * finishes with the scalar tail, so it is correct for any n.
 *
 * <p>NOTE: the Vector API's own transcendentals (VectorOperators.EXP, LOG, TANH, …) are never used:
 * their lanes give different last bits in the interpreter and in C2-compiled code, which would make
 * a training run depend on JIT timing, and Nash promises the same bits on every run. exp and the
 * sigmoid are written here in plain lane-wise arithmetic (see {@link #polyExp(double)}), with a scalar
 * twin for the tails, within 2 ulp of the reference's Math.exp; tanh likewise within 4 ulp of Math.tanh
 * (see {@link #polyTanh(double)}); log and the rest stay scalar.
 */
public class VectorKernels extends ScalarKernels {

    /**
     * The vector species of this copy of the class: a constant, so C2 emits SIMD instructions.
     * {@link KernelsProvider#vector} defines one hidden copy per width; the original class uses the preferred width.
     */
    static final VectorSpecies<Double> SPECIES = speciesOf(KernelsProvider.classBits(MethodHandles.lookup()));
    static final int LANES = SPECIES.length();
    private static final DoubleVector ZERO = DoubleVector.zero(SPECIES), ONE = DoubleVector.broadcast(SPECIES, 1.0);
    /**
     * The long lanes of the same shape, for bit work on doubles: {@code reinterpretShape(LONG_SPECIES, 0)}, not
     * {@code reinterpretAsLongs()}, which finds its target species at run time. JDK 17's C2 did not always fold that
     * inside a GAN step, and the vectors of expLanes and tanhLanes were boxed (stores not intrinsified: perf,
     * PrintIntrinsics). A static final target is a constant. Written out in the loops: a helper method was compiled
     * on its own, too large to inline, and boxed again.
     */
    private static final VectorSpecies<Long> LONG_SPECIES = SPECIES.withLanes(long.class);

    private final Gemm gemm;

    /** Kernels on this copy's vector width; obtain them from {@link KernelsProvider#vector(int)} (which checks their arguments). */
    VectorKernels() {
        this.gemm = KernelsProvider.specialize("nash.core.kernel.VectorGemm", SPECIES.vectorBitSize(), Gemm.class);
    }

    /** The species of {@code bits} bits (0: the preferred one). */
    static VectorSpecies<Double> speciesOf(int bits) {
        switch (bits) {
            case 0: return DoubleVector.SPECIES_PREFERRED;
            case 64: return DoubleVector.SPECIES_64;
            case 128: return DoubleVector.SPECIES_128;
            case 256: return DoubleVector.SPECIES_256;
            case 512: return DoubleVector.SPECIES_512;
            default: throw new IllegalArgumentException("vector width must be 64, 128, 256 or 512 bits, got " + bits);
        }
    }

    /** The preferred vector width of this platform, in bits. */
    public static int preferredBits() { return DoubleVector.SPECIES_PREFERRED.vectorBitSize(); }

    @Override public String name() { return "vector-" + SPECIES.vectorBitSize(); }

    @Override public void unary(Unary op, double[] x, int xOff, double[] y, int yOff, int n) {
        int i = 0, bound = SPECIES.loopBound(n);
        switch (op) {
            case NEG:
                for (; i < bound; i += LANES) DoubleVector.fromArray(SPECIES, x, xOff + i).neg().intoArray(y, yOff + i);
                break;
            case SQUARE:
                for (; i < bound; i += LANES) {
                    DoubleVector v = DoubleVector.fromArray(SPECIES, x, xOff + i);
                    v.mul(v).intoArray(y, yOff + i);
                }
                break;
            case ABS:
                for (; i < bound; i += LANES) DoubleVector.fromArray(SPECIES, x, xOff + i).abs().intoArray(y, yOff + i);
                break;
            case SQRT:
                for (; i < bound; i += LANES) DoubleVector.fromArray(SPECIES, x, xOff + i).sqrt().intoArray(y, yOff + i);
                break;
            case RECIPROCAL: {
                DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
                for (; i < bound; i += LANES) one.div(DoubleVector.fromArray(SPECIES, x, xOff + i)).intoArray(y, yOff + i);
                break;
            }
            case RELU: {
                // x > 0 ? x : 0, NaN kept: blend zero into the LANES that are ≤ 0.
                DoubleVector zero = DoubleVector.zero(SPECIES);
                for (; i < bound; i += LANES) {
                    DoubleVector v = DoubleVector.fromArray(SPECIES, x, xOff + i);
                    v.blend(zero, v.compare(VectorOperators.LE, 0.0)).intoArray(y, yOff + i);
                }
                break;
            }
            case EXP:
            case SIGMOID:
            case TANH:
                polyExpLanes(op, x, xOff, y, yOff, i = bound);
                break;
            default:
                break; // log and the rest: scalar below (see the NOTE on the class)
        }
        for (; i < n; i++) y[yOff + i] = lane(op, x[xOff + i]);
    }

    /** One lane of {@link #unary}: the scalar twin of the vector code, so a value's result never depends on its position. */
    static double lane(Unary op, double x) {
        switch (op) {
            case EXP: return polyExp(x);
            case SIGMOID: return polySigmoid(x);
            case TANH: return polyTanh(x);
            default: return apply(op, x);
        }
    }

    // ------------------------------------------------------------------ exp in plain lane-wise arithmetic
    //
    // e^x = 2^n · e^r with n = round(x/ln 2) (by adding 1.5·2^52), r = x − n·ln 2 ∈ [−ln2/2, ln2/2] (two-part ln 2, FMA),
    // e^r by its Taylor series to r¹³ in Horner form (truncation < 2e-17), 2^n as two exact powers of
    // two so that results near overflow and in the subnormal range round once. Within 1 ulp of
    // Math.exp (KernelsTest checks ≤ 2). The vector and scalar forms do the same operations in the
    // same order, so they agree bit for bit, in the interpreter and in C2 alike.

    private static final double LOG2E = 1.4426950408889634, ROUND = 0x1.8p52;
    /** The bits of ROUND: 1.5·2^52 + n has the bits of ROUND plus n (|n| < 2^51), no float-to-int conversion needed. */
    private static final long ROUND_BITS = Double.doubleToRawLongBits(ROUND);
    private static final double LN2_HI = Double.longBitsToDouble(0x3FE62E42FEE00000L);   // low 21 bits zero
    private static final double LN2_LO = Double.longBitsToDouble(0x3DEA39EF35793C76L);
    /** 1/i! for i = 0..19. */
    private static final double[] INV_FACT = new double[20];

    static {
        double f = 1;
        for (int i = 0; i < INV_FACT.length; i++) {
            if (i > 0) f *= i;
            INV_FACT[i] = 1.0 / f;
        }
    }

    private static final double F2 = INV_FACT[2], F3 = INV_FACT[3], F4 = INV_FACT[4], F5 = INV_FACT[5], F6 = INV_FACT[6],
            F7 = INV_FACT[7], F8 = INV_FACT[8], F9 = INV_FACT[9], F10 = INV_FACT[10], F11 = INV_FACT[11],
            F12 = INV_FACT[12], F13 = INV_FACT[13], F14 = INV_FACT[14], F15 = INV_FACT[15], F16 = INV_FACT[16],
            F17 = INV_FACT[17], F18 = INV_FACT[18], F19 = INV_FACT[19];

    /**
     * Below this |x|, tanh comes from e^2|x| − 1 by its Taylor series (no cancellation), above it from e^−2|x| by
     * polyExp: there 1 − e^−2|x| ≥ 0.67, so the subtraction loses under a bit.
     */
    private static final double TANH_SMALL = 0.55;
    private static final long SIGN = Long.MIN_VALUE;

    /** e^x, the scalar twin of {@link #expLanes}. */
    static double polyExp(double x) {
        x = Math.min(Math.max(x, -1100.0), 1100.0);                            // NaN stays NaN
        double t = Math.fma(x, LOG2E, ROUND), n = t - ROUND;                   // round(x / ln 2), also in t's low bits
        double r = Math.fma(-n, LN2_LO, Math.fma(-n, LN2_HI, x));
        double p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(F13, r, F12), r, F11), r, F10), r, F9), r, F8), r, F7);
        p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(p, r, F6), r, F5), r, F4), r, F3), r, F2), r, 1.0), r, 1.0);
        long ni = Double.doubleToRawLongBits(t) - ROUND_BITS, h = ni >> 1;
        return p * Double.longBitsToDouble((h + 1023) << 52) * Double.longBitsToDouble((ni - h + 1023) << 52);
    }

    /** σ(x) as the reference computes it, with this exp: (x ≥ 0 ? 1 : e) / (1 + e), e = e^−|x|. Scalar twin of the lanes. */
    static double polySigmoid(double x) {
        double e = polyExp(-Math.abs(x));
        return (x >= 0 ? 1.0 : e) / (1.0 + e);
    }

    /**
     * tanh(x) = sign(x)·(1 − e)/(1 + e), e = e^−2|x| (polyExp), for |x| ≥ TANH_SMALL; below it em/(em + 2) with
     * em = e^2|x| − 1 by its Taylor series to degree 19 (truncation < 3e-18 at 2|x| = 1.1). Within 4 ulp of Math.tanh
     * (mean 0.6; KernelsTest), and tanh(−0) = −0. The scalar twin of {@link #tanhLanes}.
     */
    static double polyTanh(double x) {
        double a = Math.abs(x), t;
        if (a < TANH_SMALL) {
            double em = expm1Series(2 * a);
            t = em / (em + 2);
        } else {
            double e = polyExp(-2 * a);
            t = (1 - e) / (1 + e);
        }
        return Math.copySign(t, x);
    }

    /** e^h − 1 by its Taylor series to h^19, in Horner form (tanhLanes does the same operations). */
    private static double expm1Series(double h) {
        double p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(F19, h, F18), h, F17), h, F16), h, F15), h, F14), h, F13);
        p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(p, h, F12), h, F11), h, F10), h, F9), h, F8), h, F7);
        p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(p, h, F6), h, F5), h, F4), h, F3), h, F2), h, 1.0);
        return p * h;
    }

    /** Values per block of the two-pass σ and tanh (see polyExpLanes): their e^t stays in L1. */
    private static final int EXP_BLOCK = 512;

    /**
     * y = e^x, σ(x) or tanh(x) for the whole vectors in [0, bound): lane-wise {@link #polyExp(double)},
     * {@link #polySigmoid(double)}, {@link #polyTanh(double)}. σ and tanh go in blocks of two passes: e^t for the
     * block (t = −|x| or −2|x|) into a scratch array, then σ or tanh from x and it, so y may be x. Each loop is
     * straight-line code: a vector that meets another at a merge point, or crosses a call C2 does not inline, is
     * boxed, an allocation per vector (one loop with a branch per op allocated 12 MB per MLP GAN step on JDK 17
     * and ran 5× slower; a helper method for the exp part was not inlined).
     */
    private static void polyExpLanes(Unary op, double[] x, int xOff, double[] y, int yOff, int bound) {
        if (op == Unary.EXP) {
            expLanes(x, xOff, y, yOff, bound, 0.0);
            return;
        }
        double[] e = new double[Math.min(bound, EXP_BLOCK)];
        for (int b = 0; b < bound; b += EXP_BLOCK) {
            int len = Math.min(EXP_BLOCK, bound - b);
            expLanes(x, xOff + b, e, 0, len, op == Unary.TANH ? -2.0 : -1.0);
            if (op == Unary.SIGMOID) sigmoidLanes(x, xOff + b, e, y, yOff + b, len);
            else tanhLanes(x, xOff + b, e, y, yOff + b, len);
        }
    }

    /** y = e^t for t = x when fold is 0, else t = fold·|x|, for the whole vectors in [0, bound) (see polyExpLanes). */
    private static void expLanes(double[] x, int xOff, double[] y, int yOff, int bound, double fold) {
        VectorMask<Double> folded = SPECIES.maskAll(fold != 0);
        DoubleVector k = DoubleVector.broadcast(SPECIES, fold);
        DoubleVector lo = DoubleVector.broadcast(SPECIES, -1100.0), hi = DoubleVector.broadcast(SPECIES, 1100.0);
        DoubleVector log2e = DoubleVector.broadcast(SPECIES, LOG2E), round = DoubleVector.broadcast(SPECIES, ROUND);
        DoubleVector ln2hi = DoubleVector.broadcast(SPECIES, LN2_HI), ln2lo = DoubleVector.broadcast(SPECIES, LN2_LO);
        for (int i = 0; i < bound; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, xOff + i);
            DoubleVector t = v.blend(v.abs().mul(k), folded).max(lo).min(hi);  // NaN stays NaN
            DoubleVector tr = t.fma(log2e, round), n = tr.sub(round);            // round(t / ln 2), also in tr's low bits
            DoubleVector nn = n.neg(), r = nn.fma(ln2lo, nn.fma(ln2hi, t));
            DoubleVector p = r.fma(DoubleVector.broadcast(SPECIES, F13), DoubleVector.broadcast(SPECIES, F12));
            p = p.fma(r, DoubleVector.broadcast(SPECIES, F11)).fma(r, DoubleVector.broadcast(SPECIES, F10));
            p = p.fma(r, DoubleVector.broadcast(SPECIES, F9)).fma(r, DoubleVector.broadcast(SPECIES, F8));
            p = p.fma(r, DoubleVector.broadcast(SPECIES, F7)).fma(r, DoubleVector.broadcast(SPECIES, F6));
            p = p.fma(r, DoubleVector.broadcast(SPECIES, F5)).fma(r, DoubleVector.broadcast(SPECIES, F4));
            p = p.fma(r, DoubleVector.broadcast(SPECIES, F3)).fma(r, DoubleVector.broadcast(SPECIES, F2));
            p = p.fma(r, ONE).fma(r, ONE);
            LongVector ni = ((LongVector) tr.reinterpretShape(LONG_SPECIES, 0)).sub(ROUND_BITS), h = ni.lanewise(VectorOperators.ASHR, 1);
            DoubleVector s1 = (DoubleVector) h.add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretShape(SPECIES, 0);
            DoubleVector s2 = (DoubleVector) ni.sub(h).add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretShape(SPECIES, 0);
            p.mul(s1).mul(s2).intoArray(y, yOff + i);
        }
    }

    /** y = σ(x) from e = e^−|x|: (x ≥ 0 ? 1 : e) / (1 + e), for the whole vectors in [0, bound). */
    private static void sigmoidLanes(double[] x, int xOff, double[] e, double[] y, int yOff, int bound) {
        for (int i = 0; i < bound; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, xOff + i), ev = DoubleVector.fromArray(SPECIES, e, i);
            ev.blend(ONE, v.compare(VectorOperators.GE, 0.0)).div(ev.add(ONE)).intoArray(y, yOff + i);
        }
    }

    /** y = tanh(x) from e = e^−2|x|, for the whole vectors in [0, bound): both forms of polyTanh, the small one blended in. */
    private static void tanhLanes(double[] x, int xOff, double[] e, double[] y, int yOff, int bound) {
        DoubleVector two = DoubleVector.broadcast(SPECIES, 2.0);
        for (int i = 0; i < bound; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, xOff + i), ev = DoubleVector.fromArray(SPECIES, e, i);
            DoubleVector a = v.abs(), h = a.mul(2.0);                         // em = e^2|x| − 1 by its series, as expm1Series
            DoubleVector q = h.fma(DoubleVector.broadcast(SPECIES, F19), DoubleVector.broadcast(SPECIES, F18));
            q = q.fma(h, DoubleVector.broadcast(SPECIES, F17)).fma(h, DoubleVector.broadcast(SPECIES, F16));
            q = q.fma(h, DoubleVector.broadcast(SPECIES, F15)).fma(h, DoubleVector.broadcast(SPECIES, F14));
            q = q.fma(h, DoubleVector.broadcast(SPECIES, F13)).fma(h, DoubleVector.broadcast(SPECIES, F12));
            q = q.fma(h, DoubleVector.broadcast(SPECIES, F11)).fma(h, DoubleVector.broadcast(SPECIES, F10));
            q = q.fma(h, DoubleVector.broadcast(SPECIES, F9)).fma(h, DoubleVector.broadcast(SPECIES, F8));
            q = q.fma(h, DoubleVector.broadcast(SPECIES, F7)).fma(h, DoubleVector.broadcast(SPECIES, F6));
            q = q.fma(h, DoubleVector.broadcast(SPECIES, F5)).fma(h, DoubleVector.broadcast(SPECIES, F4));
            q = q.fma(h, DoubleVector.broadcast(SPECIES, F3)).fma(h, DoubleVector.broadcast(SPECIES, F2));
            DoubleVector em = q.fma(h, ONE).mul(h);
            DoubleVector t = ONE.sub(ev).div(ONE.add(ev)).blend(em.div(em.add(two)), a.compare(VectorOperators.LT, TANH_SMALL));
            LongVector tb = (LongVector) t.reinterpretShape(LONG_SPECIES, 0), vb = (LongVector) v.reinterpretShape(LONG_SPECIES, 0);
            ((DoubleVector) tb.and(~SIGN).or(vb.and(SIGN)).reinterpretShape(SPECIES, 0)).intoArray(y, yOff + i);   // copySign(t, x)
        }
    }

    /*
     * The binary kernels run one loop per operator. Inside each loop the operator is a constant, so
     * C2 intrinsifies it and no vector ever meets another at a merge point. (With the switch inside
     * the loop, a kernel inlined where several operators had run, as it is into every caller, merged
     * the vectors of the branches and boxed them: twice the allocation and a slower step, depending
     * on which operators the JIT's profile happened to have seen.)
     */

    /** Ops without an exact lane-wise form (POW) run the scalar loop. */
    private static boolean vectorised(Binary op) { return op != Binary.POW; }

    /** The vector at x[i…]: a few bytes of bytecode, always inlined, so the vector is never boxed. */
    private static DoubleVector load(double[] x, int i) { return DoubleVector.fromArray(SPECIES, x, i); }

    @Override public void binary(Binary op, double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        int i = 0, bound = vectorised(op) ? SPECIES.loopBound(n) : 0;
        switch (op) {
            case ADD:
                for (; i < bound; i += LANES) load(a, aOff + i).add(load(b, bOff + i)).intoArray(y, yOff + i);
                break;
            case SUB:
                for (; i < bound; i += LANES) load(a, aOff + i).sub(load(b, bOff + i)).intoArray(y, yOff + i);
                break;
            case MUL:
                for (; i < bound; i += LANES) load(a, aOff + i).mul(load(b, bOff + i)).intoArray(y, yOff + i);
                break;
            case DIV:
                for (; i < bound; i += LANES) load(a, aOff + i).div(load(b, bOff + i)).intoArray(y, yOff + i);
                break;
            case MAX:
                for (; i < bound; i += LANES) load(a, aOff + i).max(load(b, bOff + i)).intoArray(y, yOff + i);
                break;
            case MIN:
                for (; i < bound; i += LANES) load(a, aOff + i).min(load(b, bOff + i)).intoArray(y, yOff + i);
                break;
            case GT:
                for (; i < bound; i += LANES) ZERO.blend(ONE, load(a, aOff + i).compare(VectorOperators.GT, load(b, bOff + i))).intoArray(y, yOff + i);
                break;
            case GE:
                for (; i < bound; i += LANES) ZERO.blend(ONE, load(a, aOff + i).compare(VectorOperators.GE, load(b, bOff + i))).intoArray(y, yOff + i);
                break;
            case LT:
                for (; i < bound; i += LANES) ZERO.blend(ONE, load(a, aOff + i).compare(VectorOperators.LT, load(b, bOff + i))).intoArray(y, yOff + i);
                break;
            case LE:
                for (; i < bound; i += LANES) ZERO.blend(ONE, load(a, aOff + i).compare(VectorOperators.LE, load(b, bOff + i))).intoArray(y, yOff + i);
                break;
            case EQ:
                for (; i < bound; i += LANES) ZERO.blend(ONE, load(a, aOff + i).compare(VectorOperators.EQ, load(b, bOff + i))).intoArray(y, yOff + i);
                break;
            default: break;                                                    // POW: the scalar loop below
        }
        for (; i < n; i++) y[yOff + i] = apply(op, a[aOff + i], b[bOff + i]);
    }

    @Override public void binaryScalar(Binary op, double[] a, int aOff, double s, double[] y, int yOff, int n) {
        int i = 0, bound = vectorised(op) ? SPECIES.loopBound(n) : 0;
        DoubleVector sv = DoubleVector.broadcast(SPECIES, s);
        switch (op) {
            case ADD:
                for (; i < bound; i += LANES) load(a, aOff + i).add(sv).intoArray(y, yOff + i);
                break;
            case SUB:
                for (; i < bound; i += LANES) load(a, aOff + i).sub(sv).intoArray(y, yOff + i);
                break;
            case MUL:
                for (; i < bound; i += LANES) load(a, aOff + i).mul(sv).intoArray(y, yOff + i);
                break;
            case DIV:
                for (; i < bound; i += LANES) load(a, aOff + i).div(sv).intoArray(y, yOff + i);
                break;
            case MAX:
                for (; i < bound; i += LANES) load(a, aOff + i).max(sv).intoArray(y, yOff + i);
                break;
            case MIN:
                for (; i < bound; i += LANES) load(a, aOff + i).min(sv).intoArray(y, yOff + i);
                break;
            case GT:
                for (; i < bound; i += LANES) ZERO.blend(ONE, load(a, aOff + i).compare(VectorOperators.GT, sv)).intoArray(y, yOff + i);
                break;
            case GE:
                for (; i < bound; i += LANES) ZERO.blend(ONE, load(a, aOff + i).compare(VectorOperators.GE, sv)).intoArray(y, yOff + i);
                break;
            case LT:
                for (; i < bound; i += LANES) ZERO.blend(ONE, load(a, aOff + i).compare(VectorOperators.LT, sv)).intoArray(y, yOff + i);
                break;
            case LE:
                for (; i < bound; i += LANES) ZERO.blend(ONE, load(a, aOff + i).compare(VectorOperators.LE, sv)).intoArray(y, yOff + i);
                break;
            case EQ:
                for (; i < bound; i += LANES) ZERO.blend(ONE, load(a, aOff + i).compare(VectorOperators.EQ, sv)).intoArray(y, yOff + i);
                break;
            default: break;                                                    // POW: the scalar loop below
        }
        for (; i < n; i++) y[yOff + i] = apply(op, a[aOff + i], s);
    }

    @Override public void scalarBinary(Binary op, double s, double[] b, int bOff, double[] y, int yOff, int n) {
        int i = 0, bound = vectorised(op) ? SPECIES.loopBound(n) : 0;
        DoubleVector sv = DoubleVector.broadcast(SPECIES, s);
        switch (op) {
            case ADD:
                for (; i < bound; i += LANES) sv.add(load(b, bOff + i)).intoArray(y, yOff + i);
                break;
            case SUB:
                for (; i < bound; i += LANES) sv.sub(load(b, bOff + i)).intoArray(y, yOff + i);
                break;
            case MUL:
                for (; i < bound; i += LANES) sv.mul(load(b, bOff + i)).intoArray(y, yOff + i);
                break;
            case DIV:
                for (; i < bound; i += LANES) sv.div(load(b, bOff + i)).intoArray(y, yOff + i);
                break;
            case MAX:
                for (; i < bound; i += LANES) sv.max(load(b, bOff + i)).intoArray(y, yOff + i);
                break;
            case MIN:
                for (; i < bound; i += LANES) sv.min(load(b, bOff + i)).intoArray(y, yOff + i);
                break;
            case GT:
                for (; i < bound; i += LANES) ZERO.blend(ONE, sv.compare(VectorOperators.GT, load(b, bOff + i))).intoArray(y, yOff + i);
                break;
            case GE:
                for (; i < bound; i += LANES) ZERO.blend(ONE, sv.compare(VectorOperators.GE, load(b, bOff + i))).intoArray(y, yOff + i);
                break;
            case LT:
                for (; i < bound; i += LANES) ZERO.blend(ONE, sv.compare(VectorOperators.LT, load(b, bOff + i))).intoArray(y, yOff + i);
                break;
            case LE:
                for (; i < bound; i += LANES) ZERO.blend(ONE, sv.compare(VectorOperators.LE, load(b, bOff + i))).intoArray(y, yOff + i);
                break;
            case EQ:
                for (; i < bound; i += LANES) ZERO.blend(ONE, sv.compare(VectorOperators.EQ, load(b, bOff + i))).intoArray(y, yOff + i);
                break;
            default: break;                                                    // POW: the scalar loop below
        }
        for (; i < n; i++) y[yOff + i] = apply(op, s, b[bOff + i]);
    }

    @Override public void leakyRelu(double slope, double[] x, int xOff, double[] y, int yOff, int n) {
        int i = 0, bound = SPECIES.loopBound(n);
        for (; i < bound; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, xOff + i);
            v.blend(v.mul(slope), v.compare(VectorOperators.GT, 0.0).not()).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            double v = x[xOff + i];
            y[yOff + i] = v > 0 ? v : slope * v;
        }
    }

    @Override public void leakyReluGrad(double slope, double[] x, int xOff, double[] g, int gOff, double[] y, int yOff, int n) {
        int i = 0, bound = SPECIES.loopBound(n);
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0), sl = DoubleVector.broadcast(SPECIES, slope);
        for (; i < bound; i += LANES) {
            DoubleVector m = sl.blend(one, DoubleVector.fromArray(SPECIES, x, xOff + i).compare(VectorOperators.GT, 0.0));
            DoubleVector.fromArray(SPECIES, g, gOff + i).mul(m).intoArray(y, yOff + i);
        }
        for (; i < n; i++) y[yOff + i] = g[gOff + i] * (x[xOff + i] > 0 ? 1.0 : slope);
    }

    @Override public void clamp(double lo, double hi, double[] x, int xOff, double[] y, int yOff, int n) {
        int i = 0, bound = SPECIES.loopBound(n);
        DoubleVector l = DoubleVector.broadcast(SPECIES, lo), h = DoubleVector.broadcast(SPECIES, hi);
        for (; i < bound; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, xOff + i);
            // Blends, not max/min: a NaN lane compares false both ways and stays NaN, as in the scalar loop.
            v = v.blend(l, v.compare(VectorOperators.LT, l));
            v.blend(h, v.compare(VectorOperators.GT, h)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            double v = x[xOff + i];
            y[yOff + i] = v < lo ? lo : (v > hi ? hi : v);
        }
    }

    @Override public void inRange(double lo, double hi, double[] x, int xOff, double[] y, int yOff, int n) {
        int i = 0, bound = SPECIES.loopBound(n);
        DoubleVector zero = DoubleVector.zero(SPECIES), one = DoubleVector.broadcast(SPECIES, 1.0);
        for (; i < bound; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, xOff + i);
            VectorMask<Double> m = v.compare(VectorOperators.GE, lo).and(v.compare(VectorOperators.LE, hi));
            zero.blend(one, m).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            double v = x[xOff + i];
            y[yOff + i] = v >= lo && v <= hi ? 1.0 : 0.0;
        }
    }

    @Override public void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        int i = 0, bound = SPECIES.loopBound(n);
        // mul then add (not fma), so the LANES round exactly as the scalar y += alpha·x.
        for (; i < bound; i += LANES) {
            DoubleVector.fromArray(SPECIES, x, xOff + i).mul(alpha)
                    .add(DoubleVector.fromArray(SPECIES, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) y[yOff + i] += alpha * x[xOff + i];
    }

    /**
     * Four vector accumulators (enough independent adds to hide the add latency), folded in a
     * fixed order: acc0+acc1+acc2+acc3, then LANES 0..L−1 left to right, then the tail.
     * reduceLanes(ADD) is avoided: its order is unspecified.
     */
    @Override public double sum(double[] x, int off, int n) {
        DoubleVector a0 = DoubleVector.zero(SPECIES), a1 = a0, a2 = a0, a3 = a0;
        int i = 0, step = 4 * LANES, bound4 = n - n % step;
        for (; i < bound4; i += step) {
            a0 = a0.add(DoubleVector.fromArray(SPECIES, x, off + i));
            a1 = a1.add(DoubleVector.fromArray(SPECIES, x, off + i + LANES));
            a2 = a2.add(DoubleVector.fromArray(SPECIES, x, off + i + 2 * LANES));
            a3 = a3.add(DoubleVector.fromArray(SPECIES, x, off + i + 3 * LANES));
        }
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += LANES) a0 = a0.add(DoubleVector.fromArray(SPECIES, x, off + i));
        double[] l = a0.add(a1).add(a2.add(a3)).toArray();
        double s = 0;
        for (double v : l) s += v;
        for (; i < n; i++) s += x[off + i];
        return s;
    }

    /** As sum: four accumulators of x·x + a (each add waits on the last), then the lanes, then the tail. */
    @Override public double sumOfSquares(double[] x, int off, int n) {
        DoubleVector a0 = DoubleVector.zero(SPECIES), a1 = a0, a2 = a0, a3 = a0;
        int i = 0, step = 4 * LANES, bound4 = n - n % step;
        for (; i < bound4; i += step) {
            DoubleVector x0 = DoubleVector.fromArray(SPECIES, x, off + i), x1 = DoubleVector.fromArray(SPECIES, x, off + i + LANES),
                    x2 = DoubleVector.fromArray(SPECIES, x, off + i + 2 * LANES), x3 = DoubleVector.fromArray(SPECIES, x, off + i + 3 * LANES);
            a0 = x0.fma(x0, a0);
            a1 = x1.fma(x1, a1);
            a2 = x2.fma(x2, a2);
            a3 = x3.fma(x3, a3);
        }
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, off + i);
            a0 = v.fma(v, a0);
        }
        double[] l = a0.add(a1).add(a2.add(a3)).toArray();
        double s = 0;
        for (double v : l) s += v;
        for (; i < n; i++) s = Math.fma(x[off + i], x[off + i], s);
        return s;
    }

    /** Four accumulators (max is exact in any order, so this only hides the latency), then the lanes, then the tail. */
    @Override public double max(double[] x, int off, int n) {
        DoubleVector m0 = DoubleVector.broadcast(SPECIES, Double.NEGATIVE_INFINITY), m1 = m0, m2 = m0, m3 = m0;
        int i = 0, step = 4 * LANES, bound4 = n - n % step;
        for (; i < bound4; i += step) {
            m0 = m0.max(DoubleVector.fromArray(SPECIES, x, off + i));
            m1 = m1.max(DoubleVector.fromArray(SPECIES, x, off + i + LANES));
            m2 = m2.max(DoubleVector.fromArray(SPECIES, x, off + i + 2 * LANES));
            m3 = m3.max(DoubleVector.fromArray(SPECIES, x, off + i + 3 * LANES));
        }
        for (int bound = SPECIES.loopBound(n); i < bound; i += LANES) m0 = m0.max(DoubleVector.fromArray(SPECIES, x, off + i));
        double r = Double.NEGATIVE_INFINITY;
        for (double v : m0.max(m1).max(m2.max(m3)).toArray()) r = Math.max(r, v);
        for (; i < n; i++) r = Math.max(r, x[off + i]);
        return r;
    }

    /** As {@link #max}. */
    @Override public double min(double[] x, int off, int n) {
        DoubleVector m0 = DoubleVector.broadcast(SPECIES, Double.POSITIVE_INFINITY), m1 = m0, m2 = m0, m3 = m0;
        int i = 0, step = 4 * LANES, bound4 = n - n % step;
        for (; i < bound4; i += step) {
            m0 = m0.min(DoubleVector.fromArray(SPECIES, x, off + i));
            m1 = m1.min(DoubleVector.fromArray(SPECIES, x, off + i + LANES));
            m2 = m2.min(DoubleVector.fromArray(SPECIES, x, off + i + 2 * LANES));
            m3 = m3.min(DoubleVector.fromArray(SPECIES, x, off + i + 3 * LANES));
        }
        for (int bound = SPECIES.loopBound(n); i < bound; i += LANES) m0 = m0.min(DoubleVector.fromArray(SPECIES, x, off + i));
        double r = Double.POSITIVE_INFINITY;
        for (double v : m0.min(m1).min(m2.min(m3)).toArray()) r = Math.min(r, v);
        for (; i < n; i++) r = Math.min(r, x[off + i]);
        return r;
    }

    /**
     * Adam, lane-wise with the reference's operations in the reference's order (no FMA), so every
     * lane has the reference's bits; the tail is the reference itself.
     */
    @Override public void adam(double[] p, double[] g, double[] m, double[] v, int off, int n, double lr, double beta1, double beta2,
                               double eps, double l2, double decoupled, long t) {
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        double stepBc = lr / (1 - Math.pow(beta1, t)) * bc2Sqrt, epsBc = eps * bc2Sqrt; // see Kernels.adam
        double keep = 1 - lr * decoupled, c1 = 1 - beta1, c2 = 1 - beta2;
        int i = off, bound = off + SPECIES.loopBound(n), end = off + n;
        for (; i < bound; i += LANES) {
            DoubleVector pi = DoubleVector.fromArray(SPECIES, p, i), gi = DoubleVector.fromArray(SPECIES, g, i);
            if (l2 != 0) gi = gi.add(pi.mul(l2));
            if (decoupled != 0) pi = pi.mul(keep);
            DoubleVector mi = DoubleVector.fromArray(SPECIES, m, i).mul(beta1).add(gi.mul(c1));
            DoubleVector vi = DoubleVector.fromArray(SPECIES, v, i).mul(beta2).add(gi.mul(c2).mul(gi));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            pi.sub(mi.mul(stepBc).div(vi.sqrt().add(epsBc))).intoArray(p, i);
        }
        for (; i < end; i++) {
            double gi = l2 != 0 ? g[i] + l2 * p[i] : g[i];
            if (decoupled != 0) p[i] *= keep;
            m[i] = beta1 * m[i] + c1 * gi;
            v[i] = beta2 * v[i] + c2 * gi * gi;
            p[i] -= stepBc * m[i] / (Math.sqrt(v[i]) + epsBc);
        }
    }

    /** Packed, cache-blocked, register-blocked: see {@link VectorGemm}. */
    @Override public void gemm(boolean transA, boolean transB, int m, int n, int k,
                               double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, boolean accumulate) {
        gemm.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }
}
