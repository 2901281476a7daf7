package nash.gan.models;

import nash.core.Rng;
import nash.core.Tensor;
import nash.gan.Conditional;
import nash.nn.Embedding;
import nash.nn.Module;

/** D(x, y) = body([flatten(x), embed(y)]): the label's embedding concatenated to the flattened input. */
public class ConcatDiscriminator extends Module implements Conditional {

    final Embedding embed;
    final Module body;
    final int classes;

    /**
     * {@code body} gets [N, F + embeddingDim]: the input flattened to [N, F] with an embedding of its label
     * (one of {@code classes}) appended; the embedding is drawn from N(0, 1) with {@code rng}.
     */
    public ConcatDiscriminator(Module body, int classes, int embeddingDim, Rng rng) {
        this.embed = child("embed", new Embedding(classes, embeddingDim, rng));
        this.body = child("body", body);
        this.classes = classes;
    }

    @Override public Tensor forward(Tensor x, Tensor labels) {
        Conditional.checkLabels("ConcatDiscriminator", x, labels);
        return body.forward(Tensor.concat(1, x.flatten(1), embed.forward(labels)));
    }

    @Override public Tensor forward(Tensor x) {
        throw new IllegalStateException("ConcatDiscriminator needs labels: call forward(x, labels)");
    }

    @Override public int classes() { return classes; }
}
