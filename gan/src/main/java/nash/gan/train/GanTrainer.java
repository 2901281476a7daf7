package nash.gan.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nash.core.Autograd;
import nash.core.GradMode;
import nash.core.Reduce;
import nash.core.Rng;
import nash.core.Tensor;
import nash.gan.Conditional;
import nash.gan.data.BatchSource;
import nash.gan.data.Dataset.Batch;
import nash.gan.layers.FeatureMatching;
import nash.gan.layers.PacGan;
import nash.gan.loss.GanLoss;
import nash.gan.penalty.DiffAugment;
import nash.gan.penalty.InstanceNoise;
import nash.gan.penalty.Penalty;
import nash.gan.penalty.WeightClip;
import nash.nn.Module;
import nash.nn.Sequential;
import nash.nn.io.Safetensors;
import nash.nn.optim.Adam;
import nash.nn.optim.Optimizer;

/**
 * The GAN training loop: k discriminator (critic) steps, then one generator step.
 *
 * <pre>
 * for k times:  x ~ data, z ~ N(0, I):  D ← D − ∇_D [ L_D(D(x), D(G(z).detach())) + penalty ]
 * once:         z ~ N(0, I):            G ← G − ∇_G L_G(D(G(z)))
 * </pre>
 * Each player's gradient is taken with {@link Autograd#gradInto}, into buffers reused every step, with respect to its own parameters
 * only, so neither is ever updated with the other's loss. Optional: label smoothing, gradient
 * penalties, weight clipping, instance noise, DiffAugment, PacGAN packing, feature matching,
 * an unrolled generator step, an exponential moving average of G, conditional players.
 *
 * <p>Randomness comes from two seeded streams (latents; penalties and augmentation) and the data
 * source's own; a checkpoint holds them all, so N steps, a checkpoint and N more in a fresh JVM
 * give the same bits as 2N straight.
 */
public final class GanTrainer {

    private final Module g, d;
    private final int latentDim;
    private final GanLoss loss;
    private final Optimizer optG, optD;
    private final int criticSteps;
    private final Penalty penalty;
    private final double clip, smoothing, emaDecay;
    private final BatchSource data;
    private final NanPolicy nanPolicy;
    private final int pac, unrolledSteps, featureLayers;
    private final double unrolledLr;
    private final InstanceNoise noise;
    private final DiffAugment augment;
    private final List<Callback> callbacks;
    private final int classes;
    private final long seed;

    private Rng latentRng, auxRng;
    private Map<String, Tensor> ema;          // shadow copies of G's parameters, or null
    private long step, skipped;
    private Tensor lastReal, lastRealLabels;
    /** Each player's gradient buffers, one per parameter (made at its first step). */
    private List<Tensor> gradsD, gradsG;

    private GanTrainer(Builder b) {
        this.g = b.g;
        this.d = b.d;
        this.latentDim = b.latentDim;
        this.loss = b.loss;
        this.optG = b.optG != null ? b.optG : new Adam(g.parameters(), 2e-4).betas(0.5, 0.999);
        this.optD = b.optD != null ? b.optD : new Adam(d.parameters(), 2e-4).betas(0.5, 0.999);
        this.criticSteps = b.criticSteps;
        this.penalty = b.penalty;
        this.clip = b.clip;
        this.smoothing = b.smoothing;
        this.emaDecay = b.emaDecay;
        this.data = b.data;
        this.nanPolicy = b.nanPolicy;
        this.pac = b.pac;
        this.unrolledSteps = b.unrolledSteps;
        this.unrolledLr = b.unrolledLr;
        this.featureLayers = b.featureLayers;
        this.noise = b.noise;
        this.augment = b.augment;
        this.callbacks = List.copyOf(b.callbacks);
        this.seed = b.seed;
        this.latentRng = new Rng(b.seed);
        this.auxRng = new Rng(b.seed ^ 0x5DEECE66DL);
        boolean gc = g instanceof Conditional, dc = d instanceof Conditional;
        if (gc != dc) throw new IllegalArgumentException("GanTrainer: generator and discriminator must both be conditional or neither");
        this.classes = gc ? ((Conditional) g).classes() : 0;
        if (gc && ((Conditional) d).classes() != classes) throw new IllegalArgumentException("GanTrainer: G and D have different class counts");
        if (gc && pac > 1) throw new IllegalArgumentException("GanTrainer: PacGAN packing is not defined for conditional GANs");
        if (featureLayers > 0 && !(d instanceof Sequential)) {
            throw new IllegalArgumentException("GanTrainer: feature matching needs a Sequential discriminator");
        }
        if (featureLayers > 0 && featureLayers > ((Sequential) d).size()) {   // checked here, not at the first step after D's update
            throw new IllegalArgumentException("GanTrainer: feature matching over " + featureLayers + " layers, but D has " + ((Sequential) d).size());
        }
        if (emaDecay > 0) {
            ema = new LinkedHashMap<>();
            g.namedParameters().forEach((k, v) -> ema.put(k, v.copy()));
        }
    }

    /** A trainer for G: z ↦ x and D: x ↦ logit, with z of {@code latentDim} standard normals. */
    public static Builder builder(Module generator, Module discriminator, int latentDim) {
        return new Builder(generator, discriminator, latentDim);
    }

    // ------------------------------------------------------------------ the loop

    /** Runs {@code steps} generator steps (each after its critic steps), calling the callbacks after each. */
    public void train(long steps) throws Exception {
        for (long i = 0; i < steps; i++) {
            StepStats s = step();
            for (Callback c : callbacks) c.onStep(this, s);
        }
    }

    /** One generator step after {@code criticSteps} discriminator steps; the callbacks are {@link #train}'s, not run here. */
    public StepStats step() {
        step++;
        Map<String, Double> stats = new LinkedHashMap<>();
        for (int i = 0; i < criticSteps; i++) discriminatorStep(stats);
        if (criticSteps > 1) stats.replaceAll((k, v) -> v / criticSteps);    // D's statistics: means over its k steps
        generatorStep(stats);
        stats.put("skipped", (double) skipped);
        return new StepStats(step, stats);
    }

    private void discriminatorStep(Map<String, Double> stats) {
        Batch batch = data.next();
        Tensor real = batch.x(), realLabels = labelTensor(batch.labels());
        lastReal = real;
        lastRealLabels = realLabels;
        int n = real.shape(0);
        Tensor fakeLabels = randomLabels(n);
        Tensor fake;
        try (GradMode scope = Autograd.noGrad()) {
            fake = generate(latents(n), fakeLabels);                                          // G(z).detach()
        }
        Tensor realIn = prepare(real), fakeIn = prepare(fake);
        Tensor dReal = discriminate(realIn, realLabels), dFake = discriminate(fakeIn, fakeLabels);
        Tensor lossD = loss.discriminator(dReal, dFake, smoothing);
        if (penalty != null) {
            // each batch judged with its own labels (R2's generated samples with fakeLabels, as in lossD)
            Tensor p = penalty.compute(x -> discriminate(x, realLabels), x -> discriminate(x, fakeLabels), realIn, fakeIn, auxRng);
            add(stats, "penalty", p.item());
            lossD = lossD.add(p);
        }
        List<Tensor> params = optD.params();
        if (gradsD == null) gradsD = buffers(params);
        List<Tensor> grads = Autograd.gradInto(List.of(lossD), params, null, gradsD, false);
        add(stats, "loss_d", lossD.item());
        add(stats, "d_real", outputMean(dReal));
        add(stats, "d_fake", outputMean(dFake));
        if (loss == GanLoss.WASSERSTEIN) add(stats, "wasserstein", mean(dReal) - mean(dFake));   // E f(x) − E f(G(z))
        double gradNorm = Reduce.l2Norm(grads);
        add(stats, "grad_norm_d", gradNorm);
        if (!finite("discriminator", lossD.item(), gradNorm, grads)) return;
        apply(optD, params, grads);
        if (clip > 0) WeightClip.apply(d, clip);
    }

    /**
     * One gradient buffer per parameter, reused every step ({@link Autograd#gradInto}): the
     * optimizer has consumed the last step's gradients before the next step writes them.
     */
    private static List<Tensor> buffers(List<Tensor> params) {
        List<Tensor> b = new ArrayList<>(params.size());
        for (Tensor p : params) b.add(Tensor.zeros(p.shape()));
        return b;
    }

    /** Sums a critic step's statistic into {@code stats} (divided by k after the k steps). */
    private static void add(Map<String, Double> stats, String name, double value) { stats.merge(name, value, Double::sum); }

    private void generatorStep(Map<String, Double> stats) {
        int n = lastReal.shape(0);
        Tensor fakeLabels = randomLabels(n);
        Tensor fake = generate(latents(n), fakeLabels);
        Tensor fakeIn = prepare(fake);
        Tensor lossG;
        // the lookahead's forwards move D's running statistics and spectral-norm vectors with weights D never takes
        Map<String, Tensor> dBuffers = unrolledSteps > 0 && featureLayers == 0 ? copies(d.namedBuffers()) : null;
        if (featureLayers > 0) {
            Sequential features = nash.gan.models.Models.slice((Sequential) d, 0, featureLayers);
            Tensor realFeatures;
            try (GradMode scope = Autograd.noGrad()) {
                realFeatures = features.forward(prepare(lastReal));
            }
            lossG = FeatureMatching.loss(realFeatures, features.forward(fakeIn));
        } else if (unrolledSteps > 0) {
            lossG = unrolledGeneratorLoss(fakeIn, fakeLabels);
        } else {
            lossG = loss.generator(discriminate(fakeIn, fakeLabels));
        }
        List<Tensor> params = optG.params();
        if (gradsG == null) gradsG = buffers(params);
        List<Tensor> grads = Autograd.gradInto(List.of(lossG), params, null, gradsG, false);
        if (dBuffers != null) {                                   // after backward: the graph saved some of them
            Map<String, Tensor> live = d.namedBuffers();
            dBuffers.forEach((k, v) -> live.get(k).copyFrom(v));
        }
        stats.put("loss_g", lossG.item());
        double gradNorm = Reduce.l2Norm(grads);
        stats.put("grad_norm_g", gradNorm);
        if (!finite("generator", lossG.item(), gradNorm, grads)) return;
        apply(optG, params, grads);
        if (ema != null) updateEma();
    }

    /**
     * The unrolled generator loss (Metz et al. 2017): L_G at D's parameters after k differentiable
     * SGD steps θᵢ₊₁ = θᵢ − η·∇θ L_D(θᵢ), each taken with createGraph on the same real batch and on
     * G(z) itself, so ∇_G sees how D would respond. D's real parameters are not changed, nor (restored by
     * generatorStep, as reference implementations restore a copy of D) its buffers.
     */
    private Tensor unrolledGeneratorLoss(Tensor fakeIn, Tensor fakeLabels) {
        Map<String, Tensor> named = d.namedParameters();
        List<String> names = new ArrayList<>(named.keySet());
        Map<String, Tensor> theta = new LinkedHashMap<>(named);
        Tensor realIn = prepare(lastReal);
        Tensor realLabels = lastRealLabels;
        for (int i = 0; i < unrolledSteps; i++) {
            Map<String, Tensor> current = theta;
            Tensor lossD = d.withParameters(current, () ->
                    loss.discriminator(discriminate(realIn, realLabels), discriminate(fakeIn, fakeLabels), smoothing));
            List<Tensor> gs = Autograd.grad(List.of(lossD), new ArrayList<>(current.values()), null, true, true);
            Map<String, Tensor> next = new LinkedHashMap<>();
            for (int j = 0; j < names.size(); j++) next.put(names.get(j), current.get(names.get(j)).sub(gs.get(j).mul(unrolledLr)));
            theta = next;
        }
        Map<String, Tensor> last = theta;
        return d.withParameters(last, () -> loss.generator(discriminate(fakeIn, fakeLabels)));
    }

    /** Whether the loss and every gradient are finite; if not, stops or skips per the policy. */
    private boolean finite(String player, double lossValue, double gradNorm, List<Tensor> grads) {
        // One pass already ran: the norm is finite exactly when every gradient is (short of overflow
        // past 1e154, which the detailed scan below then reports as it is).
        if (Double.isFinite(lossValue) && Double.isFinite(gradNorm)) return true;
        String bad = !Double.isFinite(lossValue) ? "the " + player + "'s loss is " + lossValue : null;
        for (int i = 0; i < grads.size() && bad == null; i++) {
            for (double v : grads.get(i).data()) {
                if (!Double.isFinite(v)) {
                    bad = "the " + player + "'s gradient of parameter " + i + " contains " + v;
                    break;
                }
            }
        }
        if (bad == null) bad = "the " + player + "'s gradient norm overflows (" + gradNorm + ")";
        if (nanPolicy == NanPolicy.STOP) throw new TrainingDivergedException("step " + step + ": " + bad + "; nothing was updated");
        skipped++;
        return false;
    }

    private static void apply(Optimizer opt, List<Tensor> params, List<Tensor> grads) {
        for (int i = 0; i < params.size(); i++) params.get(i).setGrad(grads.get(i));
        opt.step();
        opt.zeroGrad();
    }

    private void updateEma() {
        try (GradMode scope = Autograd.noGrad()) {
            Map<String, Tensor> params = g.namedParameters();
            for (Map.Entry<String, Tensor> e : ema.entrySet()) {
                double[] s = e.getValue().data(), p = params.get(e.getKey()).data();
                for (int i = 0; i < s.length; i++) s[i] = emaDecay * s[i] + (1 - emaDecay) * p[i];
            }
        }
    }


    private double outputMean(Tensor out) {
        try (GradMode scope = Autograd.noGrad()) {
            return (loss.probabilistic() ? out.sigmoid() : out).mean().item();
        }
    }

    private static double mean(Tensor t) {
        double s = 0;
        for (double v : t.data()) s += v;
        return s / t.size();
    }

    // ------------------------------------------------------------------ the players

    private Tensor generate(Tensor z, Tensor labels) {
        return labels != null ? ((Conditional) g).forward(z, labels) : g.forward(z);
    }

    private Tensor discriminate(Tensor x, Tensor labels) {
        return classes > 0 ? ((Conditional) d).forward(x, labels) : d.forward(x);
    }

    /** Instance noise, augmentation and packing, applied to real and generated samples alike. */
    private Tensor prepare(Tensor x) {
        if (noise != null) x = noise.apply(x, step, auxRng);
        if (augment != null) x = augment.apply(x, auxRng);
        return pac > 1 ? PacGan.pack(x, pac) : x;
    }

    private Tensor labelTensor(int[] labels) {
        if (classes == 0) return null;
        if (labels == null) throw new IllegalArgumentException("GanTrainer: a conditional GAN needs labelled data");
        double[] y = new double[labels.length];
        for (int i = 0; i < y.length; i++) y[i] = labels[i];
        return Tensor.wrap(y, y.length);
    }

    private Tensor latents(int n) { return Tensor.randn(latentRng, n, latentDim); }

    private Tensor randomLabels(int n) {
        if (classes == 0) return null;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = latentRng.nextInt(classes);
        return Tensor.wrap(y, n);
    }

    /**
     * Samples from the generator (its EMA weights when enabled), in evaluation mode, without a graph.
     *
     * @param labels class labels [N] for a conditional generator, else null
     */
    public Tensor sample(Tensor z, Tensor labels) {
        if ((labels != null) != (classes > 0)) {
            throw new IllegalArgumentException("sample: " + (classes > 0 ? "this conditional generator needs labels" : "this generator takes no labels"));
        }
        return g.withMode(false, () -> {                                 // every module's own mode comes back afterwards
            try (GradMode scope = Autograd.noGrad()) {
                return ema != null ? g.withParameters(ema, () -> generate(z, labels)) : generate(z, labels);
            }
        });
    }

    /** n fixed latent vectors (the same for a given seed, whatever the training has drawn): for snapshots. */
    public Tensor fixedLatents(int n) { return Tensor.randn(new Rng(seed * 31 + 7), n, latentDim); }

    /** G, with its live weights ({@link #sample} uses the EMA of them when enabled). */
    public Module generator() { return g; }

    /** D. */
    public Module discriminator() { return d; }

    /** G's optimizer: the builder's, or the default Adam. */
    public Optimizer generatorOptimizer() { return optG; }

    /** D's optimizer: the builder's, or the default Adam. */
    public Optimizer discriminatorOptimizer() { return optD; }

    /** The objective. */
    public GanLoss loss() { return loss; }

    /** The length of each latent vector z. */
    public int latentDim() { return latentDim; }

    /** The number of classes of a conditional GAN, or 0 for an unconditional one. */
    public int classes() { return classes; }

    /** Generator steps taken so far. */
    public long stepCount() { return step; }

    /** Player updates skipped under {@link NanPolicy#SKIP}. */
    public long skippedCount() { return skipped; }

    // ------------------------------------------------------------------ checkpoints

    /**
     * Writes G, D, both optimizers, the EMA, the step counters, every random stream and the data
     * position to one safetensors file, atomically: a crash mid-save leaves the previous file intact.
     */
    public void save(Path file) throws IOException { save(file, Map.of()); }

    /** {@link #save(Path)} with extra metadata entries (e.g. how to rebuild the models), read back by {@link Safetensors#metadata}. */
    public void save(Path file, Map<String, String> extra) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        g.stateDict().forEach((k, v) -> t.put("G." + k, v));
        d.stateDict().forEach((k, v) -> t.put("D." + k, v));
        optG.stateDict().forEach((k, v) -> t.put("optG." + k, v));
        optD.stateDict().forEach((k, v) -> t.put("optD." + k, v));
        if (ema != null) ema.forEach((k, v) -> t.put("ema." + k, v));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("nash.format", "gan-checkpoint-1");
        meta.put("nash.step", Long.toString(step));
        meta.put("nash.skipped", Long.toString(skipped));
        meta.put("nash.rng.latent", longs(latentRng.state()));
        meta.put("nash.rng.aux", longs(auxRng.state()));
        meta.put("nash.data", longs(data.state()));
        g.randomStates().forEach((k, v) -> meta.put("nash.rng.G." + k, longs(v)));              // dropout masks
        d.randomStates().forEach((k, v) -> meta.put("nash.rng.D." + k, longs(v)));
        meta.put("nash.loss", loss.name());
        meta.put("nash.latent_dim", Integer.toString(latentDim));
        extra.forEach((k, v) -> {
            if (k.startsWith("nash.")) throw new IllegalArgumentException("save: metadata key '" + k + "' is reserved");
            meta.put(k, v);
        });
        Safetensors.save(t, meta, file);
    }

    /**
     * Restores everything {@link #save} wrote, or nothing: if the checkpoint does not fit this
     * trainer (another model, optimizer or data loader), the trainer is left exactly as it was.
     *
     * @throws IllegalArgumentException when the checkpoint does not match this trainer's models,
     *                                  naming what differs
     */
    public void load(Path file) throws IOException {
        Map<String, String> meta = Safetensors.metadata(file);
        if (!"gan-checkpoint-1".equals(meta.get("nash.format"))) {
            throw new IllegalArgumentException("load: " + file + " is not a Nash GAN checkpoint");
        }
        if (!Integer.toString(latentDim).equals(meta.get("nash.latent_dim"))) {
            throw new IllegalArgumentException("load: checkpoint latent size " + meta.get("nash.latent_dim") + ", this trainer has " + latentDim);
        }
        // Everything read from the metadata is parsed, and the file read, before anything is changed.
        Map<String, long[]> gStreams = streams(meta, "nash.rng.G.", g, file), dStreams = streams(meta, "nash.rng.D.", d, file);
        Rng latent = parseRng(meta, "nash.rng.latent", file), aux = parseRng(meta, "nash.rng.aux", file);
        long[] position = parseLongs(meta, "nash.data", file);
        long savedStep = parseCount(meta, "nash.step", file), savedSkipped = parseCount(meta, "nash.skipped", file);
        Map<String, Tensor> t = Safetensors.load(file);
        if (ema != null && !prefixed(t, "ema.").keySet().equals(ema.keySet())) {
            throw new IllegalArgumentException("load: the checkpoint has no matching EMA of the generator");
        }
        // The remaining checks live in the parts themselves (state dicts, data loader); roll back if one fails.
        Snapshot before = new Snapshot();
        try {
            g.restoreRandomStates(gStreams);
            d.restoreRandomStates(dStreams);
            try {
                g.loadStateDict(prefixed(t, "G."), true);
                d.loadStateDict(prefixed(t, "D."), true);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("load: the checkpoint " + file + " does not match the model: " + e.getMessage(), e);
            }
            loadOptimizer(optG, "optG", t, file);
            loadOptimizer(optD, "optD", t, file);
            if (ema != null) prefixed(t, "ema.").forEach((k, v) -> ema.get(k).copyFrom(v));
            data.restore(position);
        } catch (RuntimeException e) {
            before.restore(e);
            throw e;
        }
        step = savedStep;
        skipped = savedSkipped;
        latentRng = latent;
        auxRng = aux;
    }

    /** One player's optimizer from the checkpoint's keys under {@code prefix}, its errors naming the player and the file. */
    private static void loadOptimizer(Optimizer opt, String prefix, Map<String, Tensor> t, Path file) {
        try {
            opt.loadStateDict(prefixed(t, prefix + "."));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("load: the checkpoint " + file + " has a bad " + prefix + " state: " + e.getMessage(), e);
        }
    }

    /** Copies of everything {@link #load} changes, to put back when a checkpoint turns out not to fit. */
    private final class Snapshot {
        final Map<String, Tensor> gState = copies(g.stateDict()), dState = copies(d.stateDict());
        final Map<String, Tensor> optGState = optG.stateDict(), optDState = optD.stateDict();     // already copies
        final Map<String, Tensor> emaState = ema == null ? null : copies(ema);
        final Map<String, long[]> gStreams = g.randomStates(), dStreams = d.randomStates();
        final long[] position = data.state();

        /** Puts every part back, each on its own: one that cannot be restored is added to {@code cause}, not thrown over it. */
        void restore(RuntimeException cause) {
            List<Runnable> parts = List.of(() -> g.loadStateDict(gState, true), () -> d.loadStateDict(dState, true),
                    () -> optG.loadStateDict(optGState), () -> optD.loadStateDict(optDState),
                    () -> { if (ema != null) emaState.forEach((k, v) -> ema.get(k).copyFrom(v)); },
                    () -> g.restoreRandomStates(gStreams), () -> d.restoreRandomStates(dStreams), () -> data.restore(position));
            for (Runnable part : parts) {
                try {
                    part.run();
                } catch (RuntimeException e) {
                    cause.addSuppressed(e);
                }
            }
        }
    }

    /** Copies of the tensors of m, by the same names (a snapshot to put back with copyFrom). */
    private static Map<String, Tensor> copies(Map<String, Tensor> m) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.copy()));
        return out;
    }

    private static long parseCount(Map<String, String> meta, String key, Path file) {
        String s = meta.get(key);
        try {
            long v = Long.parseLong(s);
            if (v >= 0) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("load: the checkpoint " + file + " has " + key + " = '" + s + "', not a count");
    }

    /** The saved states of a player's random streams (its dropout layers): each one required, no others allowed. */
    private static Map<String, long[]> streams(Map<String, String> meta, String prefix, Module player, Path file) {
        String who = prefix.substring("nash.rng.".length(), prefix.length() - 1);
        Map<String, long[]> out = new LinkedHashMap<>();
        for (String name : player.randomStates().keySet()) {
            String saved = meta.get(prefix + name);
            if (saved == null) throw new IllegalArgumentException("load: the checkpoint lacks the random stream of " + who + "'s layer '" + name + "'");
            out.put(name, parseLongs(meta, prefix + name, file));
        }
        for (String k : meta.keySet()) {
            if (k.startsWith(prefix) && !out.containsKey(k.substring(prefix.length()))) {
                throw new IllegalArgumentException("load: the checkpoint has a random stream for " + who + "'s layer '"
                        + k.substring(prefix.length()) + "', which this model does not have");
            }
        }
        return out;
    }

    private static Map<String, Tensor> prefixed(Map<String, Tensor> all, String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v);
        });
        return out;
    }

    static String longs(long[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : ",").append(v[i]);
        return sb.toString();
    }

    /** The longs {@link #longs} wrote under {@code key}; a missing or malformed entry is an IllegalArgumentException naming key and file. */
    static long[] parseLongs(Map<String, String> meta, String key, Path file) {
        String s = meta.get(key);
        if (s == null) throw new IllegalArgumentException("load: the checkpoint " + file + " lacks " + key);
        if (s.isEmpty()) return new long[0];
        try {
            return Arrays.stream(s.split(",", -1)).mapToLong(Long::parseLong).toArray();   // -1: a trailing comma is malformed too
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("load: the checkpoint " + file + " has " + key + " = '" + s + "', not comma-separated integers", e);
        }
    }

    private static Rng parseRng(Map<String, String> meta, String key, Path file) {
        long[] state = parseLongs(meta, key, file);
        try {
            return Rng.fromState(state);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("load: the checkpoint " + file + " has " + key + " = '" + meta.get(key) + "': " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ configuration

    /** Settings for a {@link GanTrainer}; every one has a sensible default. */
    public static final class Builder {
        final Module g, d;
        final int latentDim;
        GanLoss loss = GanLoss.NON_SATURATING;
        Optimizer optG, optD;
        int criticSteps = 1;
        Penalty penalty;
        double clip, smoothing, emaDecay;
        BatchSource data;
        NanPolicy nanPolicy = NanPolicy.STOP;
        int pac = 1, unrolledSteps, featureLayers;
        double unrolledLr = 0.5;
        InstanceNoise noise;
        DiffAugment augment;
        final List<Callback> callbacks = new ArrayList<>();
        long seed = 0;

        Builder(Module g, Module d, int latentDim) {
            if (latentDim <= 0) throw new IllegalArgumentException("GanTrainer: latent size must be positive, got " + latentDim);
            this.g = g;
            this.d = d;
            this.latentDim = latentDim;
        }

        /** The objective (default: non-saturating). */
        public Builder loss(GanLoss l) { loss = l; return this; }

        /** The generator's optimizer (default: Adam 2e-4, betas (0.5, 0.999)). */
        public Builder generatorOptimizer(Optimizer o) { optG = o; return this; }

        /** The discriminator's optimizer (default: Adam 2e-4, betas (0.5, 0.999)). */
        public Builder discriminatorOptimizer(Optimizer o) { optD = o; return this; }

        /** Discriminator steps per generator step (default 1; WGAN uses 5). */
        public Builder criticSteps(int k) {
            if (k < 1) throw new IllegalArgumentException("criticSteps must be ≥ 1, got " + k);
            criticSteps = k;
            return this;
        }

        /** A penalty added to D's loss (gradient penalty, R1, R2). */
        public Builder penalty(Penalty p) { penalty = p; return this; }

        /** Clamp D's parameters to [−c, c] after each step (the original WGAN); 0, the default, is off. */
        public Builder weightClip(double c) {
            if (!(c >= 0)) throw new IllegalArgumentException("weightClip: c must be ≥ 0 (0: off), got " + c);
            clip = c;
            return this;
        }

        /** One-sided label smoothing: real targets 1 − s (default 0: none). */
        public Builder labelSmoothing(double s) {
            if (!(s >= 0 && s < 1)) throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + s);
            smoothing = s;
            return this;
        }

        /** Keep an exponential moving average of G's weights with this decay (e.g. 0.999); sample() uses it. */
        public Builder ema(double decay) {
            if (!(decay >= 0 && decay < 1)) throw new IllegalArgumentException("EMA decay must be in [0, 1), got " + decay);
            emaDecay = decay;
            return this;
        }

        /** The source of real batches (required); its position is saved in checkpoints. */
        public Builder data(BatchSource source) { data = source; return this; }

        /** What to do when a loss or gradient is NaN or infinite (default {@link NanPolicy#STOP}). */
        public Builder nanPolicy(NanPolicy p) { nanPolicy = p; return this; }

        /** PacGAN: D judges packs of m samples (D must take m× the input). */
        public Builder pac(int m) {
            if (m < 1) throw new IllegalArgumentException("pac must be ≥ 1, got " + m);
            pac = m;
            return this;
        }

        /** Unrolled GAN: G's loss is taken after k differentiable SGD steps of D with learning rate lr. */
        public Builder unrolled(int k, double lr) {
            if (k < 0 || !(lr > 0 && lr < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("unrolled: need k ≥ 0 and a finite lr > 0, got " + k + ", " + lr);
            unrolledSteps = k;
            unrolledLr = lr;
            return this;
        }

        /** Feature matching: G matches the mean of D's first {@code layers} layers' output on real and fake data. */
        public Builder featureMatching(int layers) {
            if (layers < 1) throw new IllegalArgumentException("featureMatching: need ≥ 1 layer, got " + layers);
            featureLayers = layers;
            return this;
        }

        /** Instance noise added to real and generated samples before D (default: none). */
        public Builder instanceNoise(InstanceNoise n) { noise = n; return this; }

        /** DiffAugment applied to real and generated samples before D (default: none). */
        public Builder diffAugment(DiffAugment a) { augment = a; return this; }

        /** Adds a callback; {@link GanTrainer#train} runs the callbacks after every generator step, in the order added. */
        public Builder callback(Callback c) { callbacks.add(c); return this; }

        /** The seed of the latent and auxiliary random streams (default 0). */
        public Builder seed(long s) { seed = s; return this; }

        /**
         * The trainer. An {@code IllegalArgumentException} if no data source is set, if feature matching and unrolling
         * are both chosen, or if the players do not fit the settings (both conditional or neither, equal class counts,
         * no PacGAN for conditional GANs, a {@code Sequential} D deep enough for feature matching).
         */
        public GanTrainer build() {
            if (data == null) throw new IllegalArgumentException("GanTrainer: no data source");
            if (featureLayers > 0 && unrolledSteps > 0) throw new IllegalArgumentException("GanTrainer: choose feature matching or unrolling, not both");
            loss.checkSmoothing(smoothing);                              // a critic loss has nothing to smooth: refused here, not ignored
            return new GanTrainer(this);
        }
    }
}
