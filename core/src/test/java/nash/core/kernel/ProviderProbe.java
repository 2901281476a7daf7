package nash.core.kernel;

import nash.core.Tensor;

/**
 * Run in a child JVM by {@link KernelsProviderTest}: prints the kernels chosen and a result; with the argument
 * {@code gemm}, also whether GEMMs of awkward shapes (blocked over several k-blocks, A and B in several groups) give
 * the bits of one FMA chain per element under this JVM's blocking properties.
 */
public final class ProviderProbe {
    public static void main(String[] args) {
        Tensor a = Tensor.arange(20).reshape(4, 5);
        System.out.println("kernels=" + KernelsProvider.get().name());
        System.out.println("result=" + a.matmul(a, false, true).tanh().sum().item());
        if (args.length > 0 && args[0].equals("gemm")) System.out.println("gemm=" + gemmAgainstChains());
    }

    private static String gemmAgainstChains() {
        Kernels k = KernelsProvider.get();
        java.util.Random r = new java.util.Random(7);
        int[][] shapes = {{20, 40, 64}, {37, 70, 300}, {130, 90, 200}, {9, 300, 150}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], kk = s[2];
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0, tb = (t & 2) != 0, acc = t == 3;
                double[] av = new double[m * kk], bv = new double[kk * n], c = new double[m * n];
                for (int i = 0; i < av.length; i++) av[i] = r.nextGaussian();
                for (int i = 0; i < bv.length; i++) bv[i] = r.nextGaussian();
                for (int i = 0; i < c.length; i++) c[i] = r.nextGaussian();
                double[] want = c.clone();
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double x = acc ? want[i * n + j] : 0.0;
                        for (int p = 0; p < kk; p++) x = Math.fma(ta ? av[p * m + i] : av[i * kk + p], tb ? bv[j * kk + p] : bv[p * n + j], x);
                        want[i * n + j] = x;
                    }
                }
                k.gemm(ta, tb, m, n, kk, av, 0, bv, 0, c, 0, acc);
                if (!java.util.Arrays.equals(want, c)) return "mismatch at " + m + "x" + n + "x" + kk + (ta ? " Aᵀ" : "") + (tb ? " Bᵀ" : "");
            }
        }
        return "ok";
    }
}
