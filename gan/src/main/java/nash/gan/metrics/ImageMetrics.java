package nash.gan.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import nash.core.Tensor;

/**
 * The image metrics of a generator, all offline, from a classifier trained by Nash on the data:
 * FID on its features, the JS divergence of the generated class histogram to the data's, the
 * classifier-based inception score, k-NN precision and recall on its features, and the mean
 * pixel distance of each sample to its nearest training image (small: memorisation).
 */
public final class ImageMetrics {

    private ImageMetrics() {}

    /**
     * @param real       real images [N, 1, H, W] (not modified)
     * @param realLabels their labels
     * @param generated  generated images [M, 1, H, W] (not modified)
     * @return fid, class_js, inception_score, precision, recall, nearest_train_distance
     */
    public static Map<String, Double> evaluate(ImageClassifier classifier, Tensor real, int[] realLabels, Tensor generated) {
        if (real.shape(0) != realLabels.length) {
            throw new IllegalArgumentException("ImageMetrics: " + real.shape(0) + " real images but " + realLabels.length + " labels");
        }
        Tensor fReal = classifier.features(real), fGen = classifier.features(generated);
        Tensor probs = classifier.probabilities(generated);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("fid", FrechetDistance.between(fReal, fGen));
        m.put("class_js", ClassHistogram.jsToData(classifier.predict(generated), realLabels, classifier.classes));
        m.put("inception_score", InceptionScore.of(probs));
        PrecisionRecall.Result pr = PrecisionRecall.of(fReal, fGen, PrecisionRecall.DEFAULT_K);
        m.put("precision", pr.precision());
        m.put("recall", pr.recall());
        NearestNeighbours.Match nn = NearestNeighbours.nearest(generated.flatten(1), real.flatten(1));
        double mean = 0;
        for (double d : nn.distance()) mean += d;
        m.put("nearest_train_distance", mean / nn.distance().length);
        return m;
    }
}
