package nash.core.kernel;

/** One GEMM implementation, the contract of {@link Kernels#gemm} alone (how VectorKernels reaches its VectorGemm copy). */
interface Gemm {

    /** See {@link Kernels#gemm}. */
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, boolean accumulate);
}
