package nash.gan.models;

import nash.core.Rng;
import nash.core.Tensor;
import nash.gan.Conditional;
import nash.nn.Embedding;
import nash.nn.Module;

/** G(z, y) = body([z, embed(y)]): the label's embedding concatenated to the latent vector (Mirza and Osindero 2014). */
public class ConditionalGenerator extends Module implements Conditional {

    final Embedding embed;
    final Module body;
    final int classes;

    /**
     * {@code body} gets [N, latentDim + embeddingDim]: z with an embedding of its label (one of {@code classes})
     * appended; the embedding is drawn from N(0, 1) with {@code rng}.
     */
    public ConditionalGenerator(Module body, int classes, int embeddingDim, Rng rng) {
        this.embed = child("embed", new Embedding(classes, embeddingDim, rng));
        this.body = child("body", body);
        this.classes = classes;
    }

    @Override public Tensor forward(Tensor z, Tensor labels) {
        Conditional.checkLabels("ConditionalGenerator", z, labels);
        return body.forward(Tensor.concat(1, z, embed.forward(labels)));
    }

    @Override public Tensor forward(Tensor x) {
        throw new IllegalStateException("ConditionalGenerator needs labels: call forward(z, labels)");
    }

    @Override public int classes() { return classes; }
}
