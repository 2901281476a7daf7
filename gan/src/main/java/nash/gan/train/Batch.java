package nash.gan.train;

import nash.core.Tensor;

/** One batch of real data: samples x:[N, …] and, for conditional GANs, labels y:[N] (else null). */
public record Batch(Tensor x, Tensor labels) {}
