package nash.bench;

import org.openjdk.jmh.annotations.Param;

/**
 * The GEMMs a DCGAN on MNIST issues (see {@link GemmShape#GAN}, {@link GemmShape#CONV} and {@link GemmShape#THIN}):
 * MLP layers at batch 64 forward and backward, the convolutions after im2col, and a critic's one-output layer.
 * Shapes are m×k×n:AB (T = operand stored transposed). See {@link GemmPairBench}.
 */
public class ModelGemmBench extends GemmPairBench {

    @Param({"64x100x256:NT", "64x256x512:NT", "64x512x784:NT", "64x784x512:NT", "64x512x256:NT",
            "64x512x784:NN", "784x64x512:TN", "64x16x12544:NN", "128x1024x3136:NN", "1024x128x3136:TN", "128x3136x1024:NT",
            "64x6272x1:NT", "1x64x6272:TN"})
    public String shape;

    @Override String shapeSpec() { return shape; }
}
