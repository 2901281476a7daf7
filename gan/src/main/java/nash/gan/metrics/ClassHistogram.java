package nash.gan.metrics;

import nash.gan.theory.Divergences;

/**
 * Which classes a generator produces, judged by a classifier: the histogram of predicted labels
 * and its Jensen–Shannon divergence to the data's class histogram (0 when the generator produces
 * every class in the data's proportions, log 2 when it produces only classes absent from the data).
 * A collapsed generator shows up as a peaked histogram and a large JS.
 */
public final class ClassHistogram {

    private ClassHistogram() {}

    /**
     * The fraction of labels in each class: hₖ = #{i : labels[i] = k} / n.
     *
     * @param labels     n ≥ 1 labels, each in [0, numClasses)
     * @param numClasses K ≥ 1
     * @return [K], summing to 1
     */
    public static double[] of(int[] labels, int numClasses) {
        String where = "ClassHistogram.of";
        if (numClasses < 1) throw new IllegalArgumentException(where + ": numClasses must be ≥ 1, got " + numClasses);
        if (labels == null || labels.length == 0) throw new IllegalArgumentException(where + ": need at least one label");
        double[] h = new double[numClasses];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException(where + ": labels[" + i + "] = " + labels[i] + " is outside [0, " + numClasses + ")");
            }
            h[labels[i]]++;
        }
        for (int k = 0; k < numClasses; k++) h[k] /= labels.length;
        return h;
    }

    /** JS(histogram of generated labels ‖ histogram of data labels), in nats, in [0, log 2]. */
    public static double jsToData(int[] generatedLabels, int[] dataLabels, int numClasses) {
        return Divergences.js(of(generatedLabels, numClasses), of(dataLabels, numClasses));
    }

    /**
     * The predicted class of each row of class probabilities (or logits): its argmax, ties to the
     * lower class.
     *
     * @param scores [n][K], finite
     */
    public static int[] predictedLabels(double[][] scores) {
        Matrices.check("ClassHistogram.predictedLabels", "scores", scores, 1);
        int[] y = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            int best = 0;
            for (int k = 1; k < scores[i].length; k++) if (scores[i][k] > scores[i][best]) best = k;
            y[i] = best;
        }
        return y;
    }
}
