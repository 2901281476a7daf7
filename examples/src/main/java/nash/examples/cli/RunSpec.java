package nash.examples.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a run is — data, model, objective and settings — stored in every checkpoint's metadata,
 * so that {@code nash sample}, {@code eval} and {@code interpolate} rebuild exactly its players.
 */
record RunSpec(String data, String model, int latent, String loss, String penalty, double penaltyWeight,
               int criticSteps, int batch, double lrG, double lrD, double ema, int pac, int unrolled,
               double labelSmoothing, boolean diffAugment, long seed) {

    Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("run.data", data);
        m.put("run.model", model);
        m.put("run.latent", Integer.toString(latent));
        m.put("run.loss", loss);
        m.put("run.penalty", penalty);
        m.put("run.penalty_weight", Double.toString(penaltyWeight));
        m.put("run.critic_steps", Integer.toString(criticSteps));
        m.put("run.batch", Integer.toString(batch));
        m.put("run.lr_g", Double.toString(lrG));
        m.put("run.lr_d", Double.toString(lrD));
        m.put("run.ema", Double.toString(ema));
        m.put("run.pac", Integer.toString(pac));
        m.put("run.unrolled", Integer.toString(unrolled));
        m.put("run.label_smoothing", Double.toString(labelSmoothing));
        m.put("run.diff_augment", Boolean.toString(diffAugment));
        m.put("run.seed", Long.toString(seed));
        return m;
    }

    static RunSpec fromMetadata(Map<String, String> m, String file) {
        try {
            return new RunSpec(get(m, "run.data"), get(m, "run.model"), Integer.parseInt(get(m, "run.latent")), get(m, "run.loss"),
                    get(m, "run.penalty"), Double.parseDouble(get(m, "run.penalty_weight")), Integer.parseInt(get(m, "run.critic_steps")),
                    Integer.parseInt(get(m, "run.batch")), Double.parseDouble(get(m, "run.lr_g")), Double.parseDouble(get(m, "run.lr_d")),
                    Double.parseDouble(get(m, "run.ema")), Integer.parseInt(get(m, "run.pac")), Integer.parseInt(get(m, "run.unrolled")),
                    Double.parseDouble(get(m, "run.label_smoothing")), Boolean.parseBoolean(get(m, "run.diff_augment")),
                    Long.parseLong(get(m, "run.seed")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not a checkpoint written by 'nash train': " + e.getMessage(), e);
        }
    }

    private static String get(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) throw new IllegalArgumentException("its metadata has no " + key);
        return v;
    }

    /** The configuration table of the report. */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data);
        m.put("model", model);
        m.put("latent size", latent);
        m.put("loss", loss.toUpperCase(Locale.ROOT));
        m.put("penalty", penalty.equals("none") ? "none" : penalty + " (" + penaltyWeight + ")");
        m.put("critic steps", criticSteps);
        m.put("batch size", batch);
        m.put("learning rates G / D", lrG + " / " + lrD);
        if (ema > 0) m.put("EMA of G", ema);
        if (pac > 1) m.put("PacGAN packing", pac);
        if (unrolled > 0) m.put("unrolled D steps", unrolled);
        if (labelSmoothing > 0) m.put("label smoothing", labelSmoothing);
        if (diffAugment) m.put("DiffAugment", "color, translation, cutout");
        m.put("seed", seed);
        return m;
    }
}
