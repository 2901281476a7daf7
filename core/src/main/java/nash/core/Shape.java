package nash.core;

import java.util.Arrays;

/**
 * Shape arithmetic: sizes, numpy broadcasting, axis normalisation, and {@link #sumTo}, the one
 * place where broadcasting is undone in the backward pass.
 */
public final class Shape {

    private Shape() {}

    /** The number of elements of a shape; rejects negative dimensions and sizes past 2³¹−1. */
    public static int size(int... shape) { return size(null, shape); }

    /** As {@link #size(int...)}, with the op that makes the shape at the start of the message (null: none). */
    public static int size(String op, int... shape) {
        boolean empty = false;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException(who(op) + "shape " + str(shape) + " has a negative dimension");
            empty |= d == 0;
        }
        if (empty) return 0;   // however large the other dimensions
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > Integer.MAX_VALUE) throw new IllegalArgumentException(who(op) + "shape " + str(shape) + " has more than 2^31-1 elements");
        }
        return (int) n;
    }

    /** "op: " to start a message, built only when one is thrown (size runs for every tensor made). */
    private static String who(String op) { return op == null ? "" : op + ": "; }

    /** "[2, 3]". */
    public static String str(int... shape) { return Arrays.toString(shape); }

    /**
     * The numpy broadcast of two shapes: aligned from the right, each pair of dimensions equal or
     * one of them 1.
     *
     * @throws IllegalArgumentException naming the op and both shapes when they do not broadcast
     */
    public static int[] broadcast(String op, int[] a, int[] b) {
        if (Arrays.equals(a, b)) return a;
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.length ? 1 : a[i - (r - a.length)];
            int db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + str(a) + " and " + str(b) + " cannot be broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        size(op, out);                                                    // [N,1] with [1,M] may pass 2^31-1 elements
        return out;
    }

    /** Whether {@code from} broadcasts to exactly {@code to}. */
    public static boolean broadcastsTo(int[] from, int[] to) {
        if (from.length > to.length) return false;
        for (int i = 0; i < from.length; i++) {
            int d = from[from.length - 1 - i], t = to[to.length - 1 - i];
            if (d != t && d != 1) return false;
        }
        return true;
    }

    /** A possibly negative axis made non-negative; names the op when it is out of range. */
    public static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for a tensor of rank " + rank);
        }
        return a;
    }

    /** Axes normalised, sorted and checked for repeats; an empty list means every axis. */
    public static int[] axes(String op, int[] axes, int rank) {
        if (axes.length == 0) {
            int[] all = new int[rank];
            for (int i = 0; i < rank; i++) all[i] = i;
            return all;
        }
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) out[i] = axis(op, axes[i], rank);
        Arrays.sort(out);
        for (int i = 1; i < out.length; i++) {
            if (out[i] == out[i - 1]) throw new IllegalArgumentException(op + ": axis " + out[i] + " is repeated in " + Arrays.toString(axes));
        }
        return out;
    }

    /** Row-major strides of a shape. */
    static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /**
     * Sums a gradient of a broadcast result back to the shape of the operand that was broadcast
     * (differentiable; returns {@code g} itself when the shapes already agree).
     */
    public static Tensor sumTo(Tensor g, int[] shape) {
        int[] gs = g.shape;
        if (Arrays.equals(gs, shape)) return g;
        if (!broadcastsTo(shape, gs)) {
            throw new IllegalArgumentException("sumTo: shape " + str(shape) + " does not broadcast to " + str(gs));
        }
        int lead = gs.length - shape.length;
        int count = lead;
        for (int i = 0; i < shape.length; i++) if (shape[i] == 1 && gs[lead + i] != 1) count++;
        int[] axes = new int[count];
        int k = 0;
        for (int i = 0; i < lead; i++) axes[k++] = i;
        for (int i = 0; i < shape.length; i++) if (shape[i] == 1 && gs[lead + i] != 1) axes[k++] = lead + i;
        Tensor s = count == 0 ? g : Reduce.sum(g, axes, true);
        return Movement.reshape(s, shape);
    }

    static int[] withoutAxes(int[] shape, int[] sortedAxes, boolean keepDim) {
        if (keepDim) {
            int[] out = shape.clone();
            for (int a : sortedAxes) out[a] = 1;
            return out;
        }
        int[] out = new int[shape.length - sortedAxes.length];
        int k = 0, j = 0;
        for (int i = 0; i < shape.length; i++) {
            if (j < sortedAxes.length && sortedAxes[j] == i) j++;
            else out[k++] = shape[i];
        }
        return out;
    }
}
