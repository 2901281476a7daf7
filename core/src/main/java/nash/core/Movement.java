package nash.core;

import java.util.Arrays;
import nash.core.kernel.Parallel;
import nash.core.kernel.ZeroedArrays;

/**
 * Ops that move values without arithmetic: reshape (which shares the array), permute, broadcast,
 * slicing, padding, concatenation and index selection (which copy). Each op's backward is another
 * op of this file: reshape ↔ reshape, permute ↔ inverse permute, broadcastTo ↔ sumTo,
 * narrow ↔ pad, concat ↔ narrow, indexSelect ↔ indexAdd. An op that would change nothing (reshape to the same
 * shape, an identity permutation or transpose, broadcastTo the same shape, narrow over a whole axis, pad by nothing)
 * returns x itself, not a copy (under noGrad, a view of x's array outside the graph): an in-place write to the result
 * (set, fill, addInPlace) is a write to x.
 */
public final class Movement {

    private Movement() {}

    /**
     * The result of an op that changes nothing: x itself, or under {@link Autograd#noGrad} a view of x's array
     * outside the graph (returning x would carry its requiresGrad out of a scope whose results never require grad).
     */
    private static Tensor unchanged(Tensor x) {
        return x.requiresGrad && !Autograd.isGradEnabled() ? x.detach() : x;
    }

    /** The same array seen with a new shape (one dimension may be −1, inferred). */
    public static Tensor reshape(Tensor x, int... newShape) {
        int[] s = inferShape(x, newShape);
        if (Arrays.equals(s, x.shape)) return unchanged(x);
        Tensor y = new Tensor(x.data, s, x.version);
        if (Autograd.isGradEnabled() && x.requiresGrad) {
            y.node = new Graph.Node("reshape", new Tensor[] {x});
            y.requiresGrad = true;
        }
        return y.onBackward(gy -> Elementwise.grads(reshape(gy, x.shape)));
    }

    private static int[] inferShape(Tensor x, int[] newShape) {
        int[] s = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("reshape: more than one −1 in " + Shape.str(newShape));
                infer = i;
            } else if (s[i] < 0) {
                throw new IllegalArgumentException("reshape: negative dimension in " + Shape.str(newShape));
            } else {
                known = Math.min(known * s[i], 1L << 31);  // capped: past any size, and no wrap-around (to 0) in long
            }
        }
        if (infer >= 0) {
            if (known == 0 || x.size % known != 0) {
                throw new IllegalArgumentException("reshape: cannot reshape " + Shape.str(x.shape) + " into " + Shape.str(newShape));
            }
            s[infer] = (int) (x.size / known);
        } else if (known != x.size) {
            throw new IllegalArgumentException("reshape: cannot reshape " + Shape.str(x.shape) + " (" + x.size
                    + " elements) into " + Shape.str(newShape));
        }
        return s;
    }

    /** Axes from startAxis on merged into one. */
    public static Tensor flatten(Tensor x, int startAxis) {
        if (x.dim() == 0) return reshape(x, 1);
        int a = Shape.axis("flatten", startAxis, x.dim());
        int[] s = new int[a + 1];
        System.arraycopy(x.shape, 0, s, 0, a);
        s[a] = Shape.size("flatten", Arrays.copyOfRange(x.shape, a, x.dim())); // checked: past a zero axis it may pass 2^31-1
        return reshape(x, s);
    }

    /** Every axis of length 1 removed. */
    public static Tensor squeeze(Tensor x) {
        return reshape(x, Arrays.stream(x.shape).filter(d -> d != 1).toArray());
    }

    /** One axis of length 1 removed. */
    public static Tensor squeeze(Tensor x, int axis) {
        int a = Shape.axis("squeeze", axis, x.dim());
        if (x.shape[a] != 1) {
            throw new IllegalArgumentException("squeeze: axis " + axis + " of " + Shape.str(x.shape) + " has length " + x.shape[a] + ", not 1");
        }
        int[] s = new int[x.dim() - 1];
        for (int i = 0, k = 0; i < x.dim(); i++) if (i != a) s[k++] = x.shape[i];
        return reshape(x, s);
    }

    /** A new axis of length 1 at position {@code axis} (−1: last). */
    public static Tensor unsqueeze(Tensor x, int axis) {
        int a = Shape.axis("unsqueeze", axis, x.dim() + 1);
        int[] s = new int[x.dim() + 1];
        for (int i = 0, k = 0; i < s.length; i++) s[i] = i == a ? 1 : x.shape[k++];
        return reshape(x, s);
    }

    /** Two axes swapped (copies; x itself when a = b). */
    public static Tensor transpose(Tensor x, int a, int b) {
        int r = x.dim();
        int[] p = new int[r];
        for (int i = 0; i < r; i++) p[i] = i;
        int aa = Shape.axis("transpose", a, r), bb = Shape.axis("transpose", b, r);
        p[aa] = bb;
        p[bb] = aa;
        return permute(x, p);
    }

    /** y[i_p0, i_p1, …] : the axes reordered so that y's axis k is x's axis perm[k] (copies; x itself for the identity). */
    public static Tensor permute(Tensor x, int... perm) {
        int r = x.dim();
        if (perm.length != r) {
            throw new IllegalArgumentException("permute: " + Arrays.toString(perm) + " for a tensor of rank " + r);
        }
        int[] p = new int[r];
        boolean[] seen = new boolean[r];
        boolean identity = true;
        for (int i = 0; i < r; i++) {
            p[i] = Shape.axis("permute", perm[i], r);
            if (seen[p[i]]) throw new IllegalArgumentException("permute: axis repeated in " + Arrays.toString(perm));
            seen[p[i]] = true;
            identity &= p[i] == i;
        }
        if (identity) return unchanged(x);
        int[] outShape = new int[r];
        for (int i = 0; i < r; i++) outShape[i] = x.shape[p[i]];
        Tensor y = Tensor.fromOp("permute", permuteData(x.data, x.shape, p, outShape), outShape, x);
        int[] inv = new int[r];
        for (int i = 0; i < r; i++) inv[p[i]] = i;
        return y.onBackward(gy -> Elementwise.grads(permute(gy, inv)));
    }

    /** Output elements per parallel chunk of a permute (a copy, so chunks cannot change the result). */
    private static final int PERMUTE_GRAIN = 1 << 16;

    private static double[] permuteData(double[] src, int[] shape, int[] p, int[] outShape) {
        int r = shape.length, n = src.length;
        double[] out = ZeroedArrays.get(n);
        if (n == 0) return out;
        int[] inStrides = Shape.strides(shape);
        int[] st = new int[r];
        for (int i = 0; i < r; i++) st[i] = inStrides[p[i]];
        int last = outShape[r - 1], rows = n / last;
        Parallel.chunks(rows, Math.max(1, PERMUTE_GRAIN / last), (from, to) -> permuteRows(src, st, outShape, out, from, to));
        return out;
    }

    /** Output rows [from, to) (runs along the last output axis) of a permute with input strides st per output axis. */
    private static void permuteRows(double[] src, int[] st, int[] outShape, double[] out, int from, int to) {
        int r = outShape.length, last = outShape[r - 1], lastStride = st[r - 1];
        int[] idx = new int[r];                                    // the output index of row `from`
        for (int i = r - 2, q = from; i >= 0; i--) {
            idx[i] = q % outShape[i];
            q /= outShape[i];
        }
        for (int row = from, o = from * last; row < to; row++, o += last) {
            int off = 0;
            for (int i = 0; i < r - 1; i++) off += idx[i] * st[i];
            if (lastStride == 1) System.arraycopy(src, off, out, o, last); // e.g. conv's [O,N,L] → [N,O,L]: runs of L
            else for (int j = 0; j < last; j++) out[o + j] = src[off + j * lastStride];
            for (int i = r - 2; i >= 0; i--) {
                if (++idx[i] < outShape[i]) break;
                idx[i] = 0;
            }
        }
    }

    /** x repeated along the axes where it has length 1 (or is missing), numpy-style (x itself when already that shape). */
    public static Tensor broadcastTo(Tensor x, int... shape) {
        Shape.size("broadcastTo", shape);
        if (!Shape.broadcastsTo(x.shape, shape)) {
            throw new IllegalArgumentException("broadcastTo: shape " + Shape.str(x.shape) + " cannot be broadcast to " + Shape.str(shape));
        }
        if (Arrays.equals(x.shape, shape)) return unchanged(x);
        int[] s = shape.clone();
        double[] d = Elementwise.broadcastData(x, s);
        Tensor y = Tensor.fromOp("broadcastTo", d == x.data ? d.clone() : d, s, x);
        return y.onBackward(gy -> Elementwise.grads(Shape.sumTo(gy, x.shape)));
    }

    /** Elements [start, start+length) along an axis (copies; x itself when that is the whole axis). */
    public static Tensor narrow(Tensor x, int axis, int start, int length) {
        int a = Shape.axis("narrow", axis, x.dim());
        int d = x.shape[a];
        if (start < 0 || length < 0 || length > d - start) {                  // not start + length > d: it may pass 2^31
            throw new IllegalArgumentException("narrow: [" + start + ", " + ((long) start + length) + ") is outside axis " + a
                    + " of length " + d + " in " + Shape.str(x.shape));
        }
        if (start == 0 && length == d) return unchanged(x);
        int[] s = x.shape.clone();
        s[a] = length;
        int outer = 1, inner = 1;
        for (int i = 0; i < a; i++) outer *= x.shape[i];
        for (int i = a + 1; i < x.dim(); i++) inner *= x.shape[i];
        double[] out = ZeroedArrays.get(Shape.size("narrow", s));
        for (int o = 0; o < outer; o++) {
            System.arraycopy(x.data, (o * d + start) * inner, out, o * length * inner, length * inner);
        }
        Tensor y = Tensor.fromOp("narrow", out, s, x);
        return y.onBackward(gy -> Elementwise.grads(pad(gy, a, start, d - start - length)));
    }

    /** Elements [start, end) along an axis; negative bounds count from the end. */
    public static Tensor slice(Tensor x, int axis, int start, int end) {
        int a = Shape.axis("slice", axis, x.dim());
        int d = x.shape[a];
        int s = start < 0 ? start + d : start, e = end < 0 ? end + d : end;
        if (s < 0 || e > d || s > e) {
            throw new IllegalArgumentException("slice: [" + start + ", " + end + ") is outside axis " + a + " of length " + d);
        }
        return narrow(x, a, s, e - s);
    }

    /** Zeros added before and after x along an axis. */
    public static Tensor pad(Tensor x, int axis, int before, int after) {
        int a = Shape.axis("pad", axis, x.dim());
        if (before < 0 || after < 0) throw new IllegalArgumentException("pad: negative padding " + before + ", " + after);
        if (before == 0 && after == 0) return unchanged(x);
        int d = x.shape[a];
        if ((long) d + before + after > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("pad: axis " + a + " of " + Shape.str(x.shape) + " padded by " + before + " and " + after
                    + " would be longer than 2^31-1");
        }
        int full = d + before + after;
        int[] s = x.shape.clone();
        s[a] = full;
        int outer = 1, inner = 1;
        for (int i = 0; i < a; i++) outer *= x.shape[i];
        for (int i = a + 1; i < x.dim(); i++) inner *= x.shape[i];
        double[] out = ZeroedArrays.get(Shape.size("pad", s));
        for (int o = 0; o < outer; o++) {
            System.arraycopy(x.data, o * d * inner, out, (o * full + before) * inner, d * inner);
        }
        Tensor y = Tensor.fromOp("pad", out, s, x);
        return y.onBackward(gy -> Elementwise.grads(narrow(gy, a, before, d)));
    }

    /** Tensors joined along an existing axis; all other dimensions must agree. */
    public static Tensor concat(int axis, Tensor... ts) {
        if (ts.length == 0) throw new IllegalArgumentException("concat: no tensors");
        int r = ts[0].dim();
        int a = Shape.axis("concat", axis, r);
        long sum = 0;                                                          // long: the lengths may sum past 2^31
        for (Tensor t : ts) {
            boolean ok = t.dim() == r;
            for (int i = 0; ok && i < r; i++) ok = i == a || t.shape[i] == ts[0].shape[i];
            if (!ok) {
                throw new IllegalArgumentException("concat: shapes " + Shape.str(ts[0].shape) + " and " + Shape.str(t.shape)
                        + " differ outside axis " + a);
            }
            sum += t.shape[a];
        }
        if (sum > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("concat: " + ts.length + " tensors joined along axis " + a + " (the first "
                    + Shape.str(ts[0].shape) + ") would give it length " + sum + ", more than 2^31-1");
        }
        int total = (int) sum;
        int[] s = ts[0].shape.clone();
        s[a] = total;
        int outer = 1, inner = 1;
        for (int i = 0; i < a; i++) outer *= s[i];
        for (int i = a + 1; i < r; i++) inner *= s[i];
        double[] out = ZeroedArrays.get(Shape.size("concat", s));
        int[] starts = new int[ts.length];
        int at = 0;
        for (int k = 0; k < ts.length; k++) {
            Tensor t = ts[k];
            starts[k] = at;
            int len = t.shape[a] * inner;
            for (int o = 0; o < outer; o++) System.arraycopy(t.data, o * len, out, (o * total + at) * inner, len);
            at += t.shape[a];
        }
        Tensor[] inputs = ts.clone();
        Tensor y = Tensor.fromOp("concat", out, s, inputs);
        return y.onBackward(gy -> {
            Tensor[] g = new Tensor[inputs.length];
            for (int k = 0; k < inputs.length; k++) {
                if (Graph.needs(inputs[k])) g[k] = narrow(gy, a, starts[k], inputs[k].shape[a]);
            }
            return g;
        });
    }

    /** Tensors of equal shape joined along a new axis. */
    public static Tensor stack(int axis, Tensor... ts) {
        if (ts.length == 0) throw new IllegalArgumentException("stack: no tensors");
        int a = Shape.axis("stack", axis, ts[0].dim() + 1);
        Tensor[] u = new Tensor[ts.length];
        for (int k = 0; k < ts.length; k++) {
            if (!Arrays.equals(ts[k].shape, ts[0].shape)) {
                throw new IllegalArgumentException("stack: shapes " + Shape.str(ts[0].shape) + " and " + Shape.str(ts[k].shape) + " differ");
            }
            u[k] = unsqueeze(ts[k], a);
        }
        return concat(a, u);
    }

    /** The slices at the given positions along an axis, in that order (repeats allowed). */
    public static Tensor indexSelect(Tensor x, int axis, int... index) {
        int a = Shape.axis("indexSelect", axis, x.dim());
        int d = x.shape[a];
        checkIndex("indexSelect", index, d, x.shape, a);
        int[] s = x.shape.clone();
        s[a] = index.length;
        int outer = 1, inner = 1;
        for (int i = 0; i < a; i++) outer *= x.shape[i];
        for (int i = a + 1; i < x.dim(); i++) inner *= x.shape[i];
        double[] out = ZeroedArrays.get(Shape.size("indexSelect", s));
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < index.length; k++) {
                System.arraycopy(x.data, (o * d + index[k]) * inner, out, (o * index.length + k) * inner, inner);
            }
        }
        int[] idx = index.clone();
        Tensor y = Tensor.fromOp("indexSelect", out, s, x);
        return y.onBackward(gy -> Elementwise.grads(indexAdd(gy, a, idx, d)));
    }

    /**
     * The adjoint of indexSelect: a tensor with {@code size} slices along the axis, zero except that
     * slice k of src is added at position index[k] (in order, so repeats accumulate deterministically).
     */
    public static Tensor indexAdd(Tensor src, int axis, int[] index, int size) {
        int a = Shape.axis("indexAdd", axis, src.dim());
        if (src.shape[a] != index.length) {
            throw new IllegalArgumentException("indexAdd: " + index.length + " indices for axis " + a + " of " + Shape.str(src.shape));
        }
        int[] s = src.shape.clone();
        s[a] = size;
        checkIndex("indexAdd", index, size, s, a);
        int outer = 1, inner = 1;
        for (int i = 0; i < a; i++) outer *= s[i];
        for (int i = a + 1; i < s.length; i++) inner *= s[i];
        double[] out = ZeroedArrays.get(Shape.size("indexAdd", s));
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < index.length; k++) {
                Elementwise.K.axpy(1.0, src.data, (o * index.length + k) * inner, out, (o * size + index[k]) * inner, inner);
            }
        }
        int[] idx = index.clone();
        Tensor y = Tensor.fromOp("indexAdd", out, s, src);
        return y.onBackward(gy -> Elementwise.grads(indexSelect(gy, a, idx)));
    }

    private static void checkIndex(String op, int[] index, int d, int[] shape, int axis) {
        for (int k = 0; k < index.length; k++) {
            if (index[k] < 0 || index[k] >= d) {
                throw new IndexOutOfBoundsException(op + ": index " + index[k] + " (position " + k + ") is outside axis "
                        + axis + " of length " + d + " in " + Shape.str(shape));
            }
        }
    }
}
