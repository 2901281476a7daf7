package nash.gan.models;

import nash.core.Rng;
import nash.core.Tensor;
import nash.gan.Conditional;
import nash.nn.Embedding;
import nash.nn.Linear;
import nash.nn.Module;

/**
 * The projection discriminator (Miyato and Koyama 2018): D(x, y) = ψ(φ(x)) + ⟨embed(y), φ(x)⟩,
 * φ a feature network [N, F], ψ a linear head, the class entering through an inner product.
 */
public class ProjectionDiscriminator extends Module implements Conditional {

    final Module features;
    final Linear head;
    final Embedding embed;
    final int classes;

    /**
     * φ = {@code features}, giving [N, featureDim]; the head ψ (Linear featureDim → 1) and the class embeddings
     * [classes, featureDim] are initialised from {@code rng}.
     */
    public ProjectionDiscriminator(Module features, int featureDim, int classes, Rng rng) {
        this.features = child("features", features);
        this.head = child("head", new Linear(featureDim, 1, rng));
        this.embed = child("embed", new Embedding(classes, featureDim, rng));
        this.classes = classes;
    }

    @Override public Tensor forward(Tensor x, Tensor labels) {
        Conditional.checkLabels("ProjectionDiscriminator", x, labels);
        Tensor phi = features.forward(x);                                                   // [N, F]
        return head.forward(phi).add(phi.mul(embed.forward(labels)).sum(1, true));          // [N, 1]
    }

    @Override public Tensor forward(Tensor x) {
        throw new IllegalStateException("ProjectionDiscriminator needs labels: call forward(x, labels)");
    }

    @Override public int classes() { return classes; }
}
