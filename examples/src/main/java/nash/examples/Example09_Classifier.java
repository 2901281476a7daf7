package nash.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import nash.core.Losses;
import nash.core.Rng;
import nash.core.Tensor;
import nash.examples.data.BundledData;
import nash.gan.data.Dataset;
import nash.gan.data.Idx;
import nash.gan.metrics.ImageClassifier;
import nash.nn.io.Safetensors;
import nash.nn.optim.Adam;

/**
 * Tutorial 9 — a classifier for Fashion-MNIST, trained, saved as safetensors, and loaded back.
 *
 * <p>Not a GAN: the supervised loop the rest of the library is built from, and the judge the GAN
 * tutorials use. A small conv net ({@link ImageClassifier}: two strided convolutions, a 128-unit
 * layer, 10 logits) is trained by minibatch Adam on the cross-entropy
 * L = −(1/B) Σᵢ log softmax(logitsᵢ)[yᵢ], then tested on images it never saw.
 *
 * <p>Data, in order of preference: the IDX files in the directory given as the first argument;
 * Debian's {@code dataset-fashion-mnist} package at {@code /usr/share/datasets/fashion-mnist/}
 * (60,000 training and 10,000 test images); else (or with the argument {@code bundled}) the
 * 10,000 images bundled with Nash, of which the last 2,000 are held out for testing.
 *
 * <p>You will see the training loss falling, printed every tenth of an epoch, and the test
 * accuracy (86.9% after one epoch on the 60,000). Then the
 * model's state dict (its parameters by name) is written to
 * {@code runs/tutorial-09/classifier.safetensors} (or the folder given as the second argument),
 * read back into a freshly built network, and tested again: the same accuracy, to the last
 * digit, since the file holds the float64 values exactly. About 1–2 minutes on 2 cores with the
 * 60,000 images; the third argument sets the number of epochs (default 1).
 */
public final class Example09_Classifier {

    /** Where Debian's dataset-fashion-mnist package puts the files. */
    static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    public static void main(String[] args) throws IOException {
        boolean quick = Boolean.getBoolean("nash.tutorial.quick");   // the test suite's small mode
        String source = args.length > 0 ? args[0] : "";          // a folder, "bundled", or "" to choose
        boolean bundled = source.equals("bundled");
        Path dir = source.isEmpty() || bundled ? null : Path.of(source);
        Path out = Path.of(args.length > 1 ? args[1] : "runs/tutorial-09");
        int epochs = args.length > 2 ? Example04_ModeCollapse.positive(args[2], "epochs") : 1;
        int limit = quick ? 1000 : Integer.MAX_VALUE;                  // the quick mode reads only the first images
        long seed = 0;

        // ---- Data: images [n, 1, 28, 28] in [−1, 1], labels 0–9
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("the data directory '" + dir + "' does not exist; give \"bundled\" or a directory holding "
                    + "train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz] and t10k-labels-idx1-ubyte[.gz]");
        }
        if (dir == null && !bundled && Files.isRegularFile(DEBIAN.resolve("train-images-idx3-ubyte.gz"))) dir = DEBIAN;
        Dataset[] split = dir != null ? fromIdx(dir, limit) : fromBundled(limit);
        Dataset train = split[0], test = split[1];
        System.out.println("data: " + (dir != null ? dir : "the 10,000 images bundled with Nash, the last fifth held out"));
        System.out.printf(Locale.ROOT, "%,d training images, %,d test images%n", train.size(), test.size());

        // ---- The model and the loop: Adam 1e-3, batches of 64 in a fresh random order each epoch
        ImageClassifier model = new ImageClassifier(10, new Rng(seed));
        System.out.printf(Locale.ROOT, "model: %,d parameters%n", model.numParameters());   // 436,202
        Adam opt = new Adam(model.parameters(), 1e-3);
        Rng shuffle = new Rng(seed + 1);
        Tensor images = train.examples();
        int[] labels = train.labels();
        int batch = 64, batches = train.size() / batch, every = Math.max(1, batches / 10);
        long start = System.nanoTime();
        model.train();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            int[] order = shuffle.permutation(train.size());
            double sum = 0;
            for (int b = 0; b < batches; b++) {
                int[] idx = Arrays.copyOfRange(order, b * batch, (b + 1) * batch);
                int[] y = new int[batch];
                for (int i = 0; i < batch; i++) y[i] = labels[idx[i]];
                Tensor logits = model.forward(images.indexSelect(0, idx));          // [64, 10]
                Tensor loss = Losses.crossEntropy(logits, y);                        // mean −log softmax[y]
                opt.zeroGrad();
                loss.backward();
                opt.step();
                sum += loss.item();
                if ((b + 1) % every == 0) {
                    System.out.printf(Locale.ROOT, "  epoch %d, batch %5d/%d: mean loss %.4f%n", epoch, b + 1, batches, sum / every);
                    sum = 0;
                }
            }
        }
        // The loss starts at log 10 ≈ 2.3 (a uniform guess); the mean over the first tenth of the epoch
        // is 0.77, over the last 0.34 (60,000 images).
        double accuracy = accuracy(model, test);
        System.out.printf(Locale.ROOT, "trained in %.0f s; test accuracy %.2f%%%n", (System.nanoTime() - start) / 1e9, 100 * accuracy);  // 86.93%

        // ---- Save: the state dict maps names to tensors; safetensors stores them with a JSON header
        Map<String, Tensor> state = model.stateDict();
        System.out.println("state dict:");
        state.forEach((name, t) -> System.out.println("  " + name + " " + Arrays.toString(t.shape())));
        // features.0.weight [32, 1, 4, 4] … head.bias [10]: the names say where each tensor lives
        Path file = out.resolve("classifier.safetensors");
        Files.createDirectories(out);
        Safetensors.save(state, Map.of("accuracy", String.format(Locale.ROOT, "%.4f", accuracy)), file);
        System.out.printf(Locale.ROOT, "saved %s (%,d bytes)%n", file, Files.size(file));   // 3,490,296 bytes: 8 per parameter, and a header

        // ---- Load into a new network with other random weights, and test again
        ImageClassifier reloaded = new ImageClassifier(10, new Rng(seed + 99));
        System.out.printf(Locale.ROOT, "a fresh network: test accuracy %.2f%%%n", 100 * accuracy(reloaded, test));   // about 10%: chance
        reloaded.loadStateDict(Safetensors.load(file), true);         // strict: every name must match
        System.out.printf(Locale.ROOT, "after loading:   test accuracy %.2f%%%n", 100 * accuracy(reloaded, test));   // 86.93% again
        System.out.println("metadata: " + Safetensors.metadata(file));
    }

    /** The fraction of test images whose most probable class is their label (in evaluation mode, without a graph). */
    static double accuracy(ImageClassifier model, Dataset test) { return model.accuracy(test.examples(), test.labels()); }

    /** {train, test} from the IDX files in dir: the first {@code limit} of train-… and of t10k-…. */
    static Dataset[] fromIdx(Path dir, int limit) throws IOException {
        return new Dataset[] {
            Idx.readDataset(idx(dir, "train-images-idx3-ubyte"), idx(dir, "train-labels-idx1-ubyte"), limit),
            Idx.readDataset(idx(dir, "t10k-images-idx3-ubyte"), idx(dir, "t10k-labels-idx1-ubyte"), limit)};
    }

    /** {train, test} from the bundled 10,000 images (the first {@code limit}): the last fifth is the test set. */
    static Dataset[] fromBundled(int limit) throws IOException {
        Dataset all = BundledData.fashionMnist();
        int n = Math.min(limit, all.size()), held = n / 5;                     // 2,000 of 10,000
        return new Dataset[] {subset(all, 0, n - held), subset(all, n - held, n)};
    }

    /** name or name.gz in dir. */
    static Path idx(Path dir, String name) {
        for (String f : new String[] {name, name + ".gz"}) {
            if (Files.isRegularFile(dir.resolve(f))) return dir.resolve(f);
        }
        throw new IllegalArgumentException("no " + name + " or " + name + ".gz in " + dir);
    }

    /** Examples [from, to) of a dataset, with their labels. */
    static Dataset subset(Dataset all, int from, int to) {
        return new Dataset(all.examples().narrow(0, from, to - from), Arrays.copyOfRange(all.labels(), from, to));
    }

    private Example09_Classifier() {}
}

// How to run: ./mvnw -q -DskipTests package && java --add-modules jdk.incubator.vector -cp examples/target/nash.jar nash.examples.Example09_Classifier [idx-folder] [out-folder] [epochs]
