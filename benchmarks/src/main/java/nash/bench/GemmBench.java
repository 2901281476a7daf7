package nash.bench;

import org.openjdk.jmh.annotations.Param;

/** Square GEMM C = A·B, n×n (2n³ FLOP per product); see {@link GemmPairBench}. */
public class GemmBench extends GemmPairBench {

    @Param({"64", "127", "256", "513", "1024"})
    public int n;

    @Override String shapeSpec() { return n + "x" + n + "x" + n; }
}
