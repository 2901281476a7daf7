package nash.gan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import nash.core.Autograd;
import nash.core.GradMode;
import nash.core.Losses;
import nash.core.Rng;
import nash.core.Tensor;
import org.junit.jupiter.api.Test;

class ImageClassifierTest {

    static final int[] LABELS = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0};

    @Test void fewerImagesThanABatchAreOneBatch() {
        // was: no full batch of 64, so nothing was trained and the loss returned was 0.0
        Tensor images = Tensor.randn(new Rng(1), 10, 1, 28, 28);
        ImageClassifier c = new ImageClassifier(3, new Rng(2));
        double before;
        try (GradMode scope = Autograd.noGrad()) {
            before = Losses.crossEntropy(c.forward(images), LABELS).item();   // one batch of all 10: the same mean in any order
        }
        double[] w = c.head.parameters().get(0).toArray();
        assertEquals(before, c.fit(images, LABELS, 1, new Rng(3)), 1e-12);
        assertFalse(Arrays.equals(w, c.head.parameters().get(0).toArray()), "the head was trained");
    }

    @Test void fitLeavesTheModeAsItFoundIt() {
        // fit trains in training mode; a classifier put in evaluation mode before stays there after (was: left training)
        Tensor images = Tensor.randn(new Rng(1), 10, 1, 28, 28);
        ImageClassifier c = new ImageClassifier(3, new Rng(2));
        c.eval();
        c.fit(images, LABELS, 1, new Rng(3));
        assertFalse(c.isTraining());
        c.train();
        c.fit(images, LABELS, 1, new Rng(3));
        assertTrue(c.isTraining());
    }

    @Test void badInputsAreRejected() {
        ImageClassifier c = new ImageClassifier(3, new Rng(2));
        Tensor three = Tensor.zeros(3, 1, 28, 28);
        // was ArrayIndexOutOfBoundsException with fewer labels; extra labels were ignored
        var e = assertThrows(IllegalArgumentException.class, () -> c.accuracy(three, new int[] {0}));
        assertTrue(e.getMessage().contains("ImageClassifier.accuracy: 3 images but 1 labels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.accuracy(three, new int[] {0, 1, 2, 0}));
        assertTrue(e.getMessage().contains("ImageClassifier.accuracy: 3 images but 4 labels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.accuracy(three, new int[] {0, 3, 1}));
        assertTrue(e.getMessage().contains("ImageClassifier.accuracy: labels[1] = 3 is outside [0, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.accuracy(Tensor.zeros(0, 1, 28, 28), new int[0]));
        assertTrue(e.getMessage().contains("ImageClassifier.accuracy: no images"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.probabilities(Tensor.zeros(0, 1, 28, 28)));
        assertTrue(e.getMessage().contains("ImageClassifier.probabilities: no images"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.fit(Tensor.zeros(0, 1, 28, 28), new int[0], 1, new Rng(1)));
        assertTrue(e.getMessage().contains("ImageClassifier.fit: no images"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.fit(three, new int[] {0, 1, 2}, 0, new Rng(1)));
        assertTrue(e.getMessage().contains("ImageClassifier.fit: epochs must be ≥ 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.fit(three, new int[] {0, 1}, 1, new Rng(1)));
        assertTrue(e.getMessage().contains("ImageClassifier.fit: 3 images but 2 labels"), e.getMessage());
    }
}
