package nash.gan.metrics;

import java.io.IOException;
import java.nio.file.Path;
import nash.core.Autograd;
import nash.core.GradMode;
import nash.core.Losses;
import nash.core.Rng;
import nash.core.Tensor;
import nash.nn.Conv2d;
import nash.nn.Flatten;
import nash.nn.LeakyReLU;
import nash.nn.Linear;
import nash.nn.Module;
import nash.nn.Sequential;
import nash.nn.io.Safetensors;
import nash.nn.optim.Adam;

/**
 * A small convolutional classifier for 28×28 images in [−1, 1], trained by Nash itself: the
 * offline stand-in for the Inception network of FID and the inception score (no downloaded
 * weights). Its penultimate layer gives features [N, 128]; its softmax gives p(y | x).
 *
 * <pre>
 * features: Conv2d(1,32,4,2,1) LeakyReLU(0.2)  → [N,32,14,14]
 *           Conv2d(32,64,4,2,1) LeakyReLU(0.2) → [N,64,7,7]
 *           Flatten, Linear(3136,128) LeakyReLU(0.2)
 * head:     Linear(128, classes)
 * </pre>
 */
public final class ImageClassifier extends Module {

    final Sequential features;
    final Linear head;
    /** The number of classes: the head's outputs. */
    public final int classes;

    /** The network above, initialised from {@code rng} with PyTorch's default initialisation. */
    public ImageClassifier(int classes, Rng rng) {
        this.classes = classes;
        features = child("features", new Sequential(
                new Conv2d(1, 32, 4, 2, 1, rng), new LeakyReLU(0.2),
                new Conv2d(32, 64, 4, 2, 1, rng), new LeakyReLU(0.2),
                new Flatten(), new Linear(64 * 7 * 7, 128, rng), new LeakyReLU(0.2)));
        head = child("head", new Linear(128, classes, rng));
    }

    /** Logits [N, classes] for images [N, 1, 28, 28]. */
    @Override public Tensor forward(Tensor x) { return head.forward(features.forward(x)); }

    /** Penultimate features [N, 128], without a graph, in batches. */
    public Tensor features(Tensor images) { return batched("features", images, features::forward); }

    /** Class probabilities [N, classes], without a graph, in batches. */
    public Tensor probabilities(Tensor images) { return batched("probabilities", images, x -> forward(x).softmax(1)); }

    /** The most probable class of each image. */
    public int[] predict(Tensor images) {
        Tensor p = probabilities(images);
        int n = p.shape(0);
        int[] out = new int[n];
        double[] d = p.data();
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) if (d[i * classes + c] > d[i * classes + best]) best = c;
            out[i] = best;
        }
        return out;
    }

    /** The fraction of images whose predicted class is their label. */
    public double accuracy(Tensor images, int[] labels) {
        checkLabels("accuracy", images, labels);
        int[] p = predict(images);
        int right = 0;
        for (int i = 0; i < p.length; i++) if (p[i] == labels[i]) right++;
        return (double) right / p.length;
    }

    private Tensor batched(String op, Tensor images, java.util.function.UnaryOperator<Tensor> f) {
        int n = images.shape(0), bs = 256;
        if (n == 0) throw new IllegalArgumentException("ImageClassifier." + op + ": no images");
        return withMode(false, () -> {
            try (GradMode scope = Autograd.noGrad()) {
                Tensor[] parts = new Tensor[(n + bs - 1) / bs];
                for (int i = 0; i < parts.length; i++) parts[i] = f.apply(images.narrow(0, i * bs, Math.min(bs, n - i * bs)));
                return Tensor.concat(0, parts);
            }
        });
    }

    /**
     * Trains on images [N, 1, 28, 28] with labels: Adam (lr 1e-3), batch 64, seeded shuffling.
     * Each epoch drops its last incomplete batch; fewer than 64 images are one batch of them all.
     * Returns the mean loss of the last epoch; the model is left in the mode it was in.
     */
    public double fit(Tensor images, int[] labels, int epochs, Rng rng) {
        checkLabels("fit", images, labels);   // all of them, before the first step changes anything
        if (epochs < 1) throw new IllegalArgumentException("ImageClassifier.fit: epochs must be ≥ 1, got " + epochs);
        return withMode(true, () -> fitEpochs(images, labels, epochs, rng));
    }

    private double fitEpochs(Tensor images, int[] labels, int epochs, Rng rng) {
        Adam opt = new Adam(parameters(), 1e-3);
        int n = labels.length, bs = Math.min(64, n);
        double last = 0;
        for (int e = 0; e < epochs; e++) {
            int[] perm = rng.permutation(n);
            double sum = 0;
            int batches = 0;
            for (int start = 0; start + bs <= n; start += bs) {
                int[] idx = java.util.Arrays.copyOfRange(perm, start, start + bs);
                int[] y = new int[bs];
                for (int i = 0; i < bs; i++) y[i] = labels[idx[i]];
                Tensor loss = Losses.crossEntropy(forward(images.indexSelect(0, idx)), y);
                opt.zeroGrad();
                loss.backward();
                opt.step();
                sum += loss.item();
                batches++;
            }
            last = sum / Math.max(1, batches);
        }
        return last;
    }

    /** One label in [0, classes) per image, at least one image. */
    private void checkLabels(String op, Tensor images, int[] labels) {
        String where = "ImageClassifier." + op;
        if (images.shape(0) != labels.length) throw new IllegalArgumentException(where + ": " + images.shape(0) + " images but " + labels.length + " labels");
        if (labels.length == 0) throw new IllegalArgumentException(where + ": no images");
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(where + ": labels[" + i + "] = " + labels[i] + " is outside [0, " + classes + ")");
            }
        }
    }

    /** Writes the weights (its state dict) to a safetensors file, atomically. */
    public void save(Path file) throws IOException { Safetensors.save(stateDict(), file); }

    /** A classifier of {@code classes} classes with the weights {@link #save} wrote; keys and shapes must match exactly. */
    public static ImageClassifier load(Path file, int classes) throws IOException {
        ImageClassifier c = new ImageClassifier(classes, new Rng(0));
        c.loadStateDict(Safetensors.load(file), true);
        return c;
    }
}
