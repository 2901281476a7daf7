package nash.gan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import nash.core.Autograd;
import nash.core.Rng;
import nash.core.Tensor;
import nash.gan.data.BatchSource;
import nash.gan.data.Dataset.Batch;
import nash.gan.loss.GanLoss;
import nash.gan.models.ConcatDiscriminator;
import nash.gan.models.ConditionalGenerator;
import nash.gan.models.Models;
import nash.gan.models.ProjectionDiscriminator;
import nash.gan.penalty.GradientPenalty;
import nash.nn.Dropout;
import nash.nn.Linear;
import nash.nn.Module;
import nash.nn.Sequential;
import nash.nn.io.Safetensors;
import nash.nn.optim.Optimizer;
import nash.nn.optim.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GanTrainerTest {

    /** Real data: N(μ, 0.1²) in 2-D around (1, −1), from a seeded stream whose state is the position. */
    static class Gaussian2d implements BatchSource {
        Rng rng;
        final int batch;
        int calls;
        final boolean labelled;

        Gaussian2d(long seed, int batch, boolean labelled) {
            rng = new Rng(seed);
            this.batch = batch;
            this.labelled = labelled;
        }

        @Override public Batch next() {
            calls++;
            Tensor x = Tensor.randn(rng, batch, 2).mul(0.1).add(Tensor.of(new double[] {1, -1}));
            int[] y = null;
            if (labelled) {
                y = new int[batch];
                for (int i = 0; i < batch; i++) y[i] = rng.nextInt(3);
            }
            return new Batch(x, y, null);
        }

        @Override public long[] state() { return rng.state(); }

        @Override public void restore(long[] s) { rng = Rng.fromState(s); }

        @Override public int classes() { return labelled ? 3 : 0; }
    }

    static GanTrainer.Builder toy(long seed) {
        Rng rng = new Rng(seed);
        return GanTrainer.builder(Models.toyGenerator(4, rng), Models.toyDiscriminator(2, rng), 4)
                .data(new Gaussian2d(seed + 1, 16, false)).seed(seed);
    }

    /** An optimizer that records the gradients it is given and applies plain SGD. */
    static final class Recording extends Sgd {
        final List<double[][]> seen = new ArrayList<>();

        Recording(List<Tensor> params, double lr) { super(params, lr); }

        @Override public void step() {
            double[][] g = new double[params.size()][];
            for (int i = 0; i < params.size(); i++) g[i] = params.get(i).grad().toArray();
            seen.add(g);
            super.step();
        }
    }

    @Test
    void eachPlayerIsUpdatedWithItsOwnLossOnly() {
        Rng rng = new Rng(1);
        Sequential g = Models.toyGenerator(4, rng), d = Models.toyDiscriminator(2, rng);
        // Copies of the players before the step, to recompute each loss independently.
        Sequential g0 = Models.toyGenerator(4, new Rng(99)), d0 = Models.toyDiscriminator(2, new Rng(99));
        g0.loadStateDict(g.stateDict(), true);
        d0.loadStateDict(d.stateDict(), true);
        Recording optG = new Recording(g.parameters(), 0.1), optD = new Recording(d.parameters(), 0.1);
        Gaussian2d data = new Gaussian2d(5, 8, false);
        GanTrainer t = GanTrainer.builder(g, d, 4).data(data).seed(3).generatorOptimizer(optG).discriminatorOptimizer(optD).build();
        t.step();

        // Replay the trainer's random draws: the latent stream is Rng(seed); the data stream Rng(5).
        Rng latent = new Rng(3);
        Tensor real = new Gaussian2d(5, 8, false).next().x();
        Tensor zD = Tensor.randn(latent, 8, 4), zG = Tensor.randn(latent, 8, 4);
        Tensor fake = g0.forward(zD).detach();
        Tensor lossD = GanLoss.NON_SATURATING.discriminator(d0.forward(real), d0.forward(fake));
        List<Tensor> expectD = Autograd.grad(lossD, d0.parameters(), false);
        for (int i = 0; i < expectD.size(); i++) assertArrayEquals(expectD.get(i).toArray(), optD.seen.get(0)[i], 1e-12, "D grad " + i);
        // G's loss is taken against D after its update.
        d0.loadStateDict(d.stateDict(), true);
        Tensor lossG = GanLoss.NON_SATURATING.generator(d0.forward(g0.forward(zG)));
        List<Tensor> expectG = Autograd.grad(lossG, g0.parameters(), false);
        for (int i = 0; i < expectG.size(); i++) assertArrayEquals(expectG.get(i).toArray(), optG.seen.get(0)[i], 1e-12, "G grad " + i);
        for (Tensor p : d.parameters()) assertEquals(null, p.grad(), "no gradient is left on D's parameters");
    }

    @Test
    void kCriticStepsPerGeneratorStep() {
        Gaussian2d data = new Gaussian2d(1, 8, false);
        Rng rng = new Rng(2);
        GanTrainer t = GanTrainer.builder(Models.toyGenerator(4, rng), Models.toyDiscriminator(2, rng), 4).data(data)
                .criticSteps(5).loss(GanLoss.WASSERSTEIN).penalty(new GradientPenalty()).build();
        StepStats s = t.step();
        assertEquals(5, data.calls);
        assertEquals(1, t.stepCount());
        for (String k : new String[] {"loss_d", "loss_g", "d_real", "d_fake", "grad_norm_d", "grad_norm_g", "penalty", "wasserstein"}) {
            assertTrue(Double.isFinite(s.get(k)), k);
        }
    }

    @Test
    void theDiscriminatorsStatisticsAreMeansOverItsCriticSteps() {
        // Batch i (1-based) is all i; D(x) = x₀ is frozen (SGD at rate 0), so D's k = 3 steps see 1, 2, 3.
        BatchSource steps = new BatchSource() {
            int calls;

            @Override public Batch next() { return new Batch(Tensor.zeros(4, 2).fill(++calls), null, null); }

            @Override public long[] state() { return new long[] {calls}; }

            @Override public void restore(long[] s) { calls = (int) s[0]; }
        };
        Rng rng = new Rng(4);
        Linear d = new Linear(2, 1, rng);
        d.weight().data()[0] = 1;
        d.weight().data()[1] = 0;
        d.bias().fill(0);
        Sequential g = Models.toyGenerator(4, rng);
        StepStats s = GanTrainer.builder(g, new Sequential().add(d), 4).data(steps).loss(GanLoss.WASSERSTEIN).criticSteps(3)
                .discriminatorOptimizer(new Sgd(d.parameters(), 0)).build().step();
        assertEquals(2.0, s.get("d_real"), 1e-12, "mean of 1, 2, 3 — not the last step's 3");
        assertEquals(2.0 - s.get("d_fake"), s.get("wasserstein"), 1e-12);
        assertEquals(s.get("d_fake") - 2.0, s.get("loss_d"), 1e-12, "Wasserstein critic loss E f(G(z)) − E f(x), averaged");
    }

    @Test
    void twoNStepsEqualNStepsThenResume(@TempDir Path dir) throws Exception {
        GanTrainer straight = toy(7).ema(0.9).criticSteps(2).penalty(new GradientPenalty(1, false)).build();
        straight.train(6);

        GanTrainer first = toy(7).ema(0.9).criticSteps(2).penalty(new GradientPenalty(1, false)).build();
        first.train(3);
        Path ckpt = dir.resolve("ckpt.safetensors");
        first.save(ckpt);
        GanTrainer resumed = toy(1234).ema(0.9).criticSteps(2).penalty(new GradientPenalty(1, false)).build();   // other weights, other seed
        resumed.load(ckpt);
        assertEquals(3, resumed.stepCount());
        resumed.train(3);

        assertStatesEqual(straight.generator(), resumed.generator());
        assertStatesEqual(straight.discriminator(), resumed.discriminator());
        Tensor z = straight.fixedLatents(5);
        assertArrayEquals(straight.sample(z, null).toArray(), resumed.sample(z, null).toArray(), "EMA samples");
    }

    @Test
    void dropoutInTheDiscriminatorResumesBitForBit(@TempDir Path dir) throws Exception {
        GanTrainer straight = withDropout(7).build();
        straight.train(4);
        GanTrainer first = withDropout(7).build();
        first.train(2);
        Path ckpt = dir.resolve("ckpt.safetensors");
        first.save(ckpt);
        GanTrainer resumed = withDropout(99).build();
        resumed.load(ckpt);
        resumed.train(2);
        assertStatesEqual(straight.discriminator(), resumed.discriminator());
        assertStatesEqual(straight.generator(), resumed.generator());

        GanTrainer plain = toy(7).build();   // a checkpoint without the dropout stream is refused, naming the layer
        plain.save(ckpt);
        Rng rng = new Rng(3);
        Sequential d = new Sequential(new Linear(2, 8, rng), new Dropout(0.5, rng), new Linear(8, 1, rng));
        GanTrainer other = GanTrainer.builder(Models.toyGenerator(4, rng), d, 4).data(new Gaussian2d(1, 16, false)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.load(ckpt));
        assertTrue(e.getMessage().contains("random stream of D's layer '1'"), e.getMessage());

        first.save(ckpt);   // and a stream the model has no layer for is refused too
        IllegalArgumentException extra = assertThrows(IllegalArgumentException.class, () -> toy(7).build().load(ckpt));
        assertTrue(extra.getMessage().contains("random stream for D's layer '2', which this model does not have"), extra.getMessage());
    }

    /** The toy trainer with dropout (p = 0.5) between D's layers. */
    static GanTrainer.Builder withDropout(long seed) {
        Rng rng = new Rng(seed);
        Sequential d = new Sequential(new Linear(2, 16, rng), new nash.nn.LeakyReLU(0.2), new Dropout(0.5, rng), new Linear(16, 1, rng));
        return GanTrainer.builder(Models.toyGenerator(4, rng), d, 4).data(new Gaussian2d(seed + 1, 16, false)).seed(seed);
    }

    static void assertStatesEqual(Module a, Module b) {
        Map<String, Tensor> sa = a.stateDict(), sb = b.stateDict();
        assertEquals(sa.keySet(), sb.keySet());
        for (String k : sa.keySet()) assertArrayEquals(sa.get(k).toArray(), sb.get(k).toArray(), k);
    }

    @Test
    void aCheckpointOfAnotherModelIsRejectedClearly(@TempDir Path dir) throws Exception {
        GanTrainer t = toy(1).build();
        Path ckpt = dir.resolve("c.safetensors");
        t.save(ckpt);
        Rng rng = new Rng(1);
        GanTrainer other = GanTrainer.builder(Models.toyGenerator(4, rng), Models.toyDiscriminator(2, rng).add(new Linear(1, 1, rng)), 4)
                .data(new Gaussian2d(1, 8, false)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.load(ckpt));
        assertTrue(e.getMessage().contains("does not match the model") && e.getMessage().contains("5.weight"), e.getMessage());
        Files.writeString(dir.resolve("x.safetensors"), "junk");
        assertThrows(java.io.IOException.class, () -> t.load(dir.resolve("x.safetensors")));
    }

    @Test
    void aCheckpointThatDoesNotFitLeavesTheTrainerAsItWas(@TempDir Path dir) throws Exception {
        GanTrainer source = toy(7).ema(0.9).build();
        source.train(3);
        Path ckpt = dir.resolve("c.safetensors");
        source.save(ckpt);

        // G matches, D has an extra layer: G's weights and both players' streams were changed before D failed.
        Rng rng = new Rng(5);
        GanTrainer otherD = GanTrainer.builder(Models.toyGenerator(4, rng), Models.toyDiscriminator(2, rng).add(new Linear(1, 1, rng)), 4)
                .data(new Gaussian2d(5, 16, false)).ema(0.9).seed(5).build();
        otherD.train(2);
        assertUnchangedByFailedLoad(otherD, ckpt, dir, "does not match the model");

        // Models and optimizers match; the data source refuses the position, the last thing restored.
        GanTrainer otherData = toy(9).ema(0.9).data(new Gaussian2d(10, 16, false) {
            @Override public void restore(long[] s) { throw new IllegalArgumentException("restore: saved with another batch size"); }
        }).build();
        otherData.train(2);
        assertUnchangedByFailedLoad(otherData, ckpt, dir, "another batch size");
    }

    @Test
    void unreadableRandomStatesAndPositionsNameTheKeyAndLeaveTheTrainerAsItWas(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.safetensors"), bad = dir.resolve("bad.safetensors");
        GanTrainer t = savedAndAnother(good);
        Map<String, Tensor> tensors = Safetensors.load(good);
        // were NumberFormatException: For input string: "abc", naming neither key nor file
        String[][] cases = {{"nash.rng.latent", "abc,def", " has nash.rng.latent = 'abc,def', not comma-separated integers"},
                {"nash.data", "1,2,x", " has nash.data = '1,2,x', not comma-separated integers"},
                {"nash.rng.D.2", "1,,2,3", " has nash.rng.D.2 = '1,,2,3', not comma-separated integers"},
                {"nash.rng.aux", "1,2,3", " has nash.rng.aux = '1,2,3': Rng.fromState: need 4 longs"},
                {"nash.rng.latent", null, " lacks nash.rng.latent"},
                {"nash.step", "-3", " has nash.step = '-3', not a count"}};
        for (String[] c : cases) {
            Map<String, String> meta = new java.util.LinkedHashMap<>(Safetensors.metadata(good));
            if (c[1] == null) meta.remove(c[0]);
            else meta.put(c[0], c[1]);
            Safetensors.save(tensors, meta, bad);
            assertUnchangedByFailedLoad(t, bad, dir, "load: the checkpoint " + bad + c[2]);
        }
    }

    @Test
    void aBadOptimizerStateNamesThePlayerAndTheFile(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.safetensors"), bad = dir.resolve("bad.safetensors");
        GanTrainer t = savedAndAnother(good);
        for (String player : new String[] {"optG", "optD"}) { // both Adam: the message must say which
            Map<String, Tensor> tensors = new java.util.LinkedHashMap<>(Safetensors.load(good));
            tensors.put(player + ".state.0.step", Tensor.scalar(-1));
            Safetensors.save(tensors, Safetensors.metadata(good), bad);
            assertUnchangedByFailedLoad(t, bad, dir, "load: the checkpoint " + bad + " has a bad " + player + " state: Adam.loadStateDict: state.0.step");
        }
    }

    /** Saves a trainer (seed 7, two steps) to {@code good} and returns another (seed 8, one step) to load bad copies into. */
    private static GanTrainer savedAndAnother(Path good) throws Exception {
        GanTrainer source = withDropout(7).build();
        source.train(2);
        source.save(good);
        GanTrainer t = withDropout(8).build();
        t.train(1);
        return t;
    }

    /** Loading ckpt into t fails with a message containing why, and t's own checkpoint is the same bytes as before. */
    static void assertUnchangedByFailedLoad(GanTrainer t, Path ckpt, Path dir, String why) throws Exception {
        Path before = dir.resolve("before.safetensors"), after = dir.resolve("after.safetensors");
        t.save(before);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.load(ckpt));
        assertTrue(e.getMessage().contains(why), e.getMessage());
        t.save(after);
        assertArrayEquals(Files.readAllBytes(before), Files.readAllBytes(after), "weights, optimizer, EMA, streams, step and position");
    }

    /** A generator whose output becomes NaN once its weight passes a threshold. */
    static Module fragile() {
        return new Module() {
            final Linear l = child("l", new Linear(4, 2, new Rng(1)));
            @Override public Tensor forward(Tensor z) { return l.forward(z).mul(Double.NaN); }
        };
    }

    @Test
    void aNanStopsTheRunNamingStepAndPlayerWithoutUpdating() {
        Rng rng = new Rng(1);
        Sequential d = Models.toyDiscriminator(2, rng);
        double[] before = d.parameters().get(0).toArray();
        GanTrainer t = GanTrainer.builder(fragile(), d, 4).data(new Gaussian2d(1, 8, false)).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::step);
        assertTrue(e.getMessage().startsWith("step 1: the discriminator's loss is NaN"), e.getMessage());
        assertArrayEquals(before, d.parameters().get(0).toArray());
    }

    @Test
    void aNanCanBeSkipped() throws Exception {
        Rng rng = new Rng(1);
        Sequential d = Models.toyDiscriminator(2, rng);
        double[] before = d.parameters().get(0).toArray();
        GanTrainer t = GanTrainer.builder(fragile(), d, 4).data(new Gaussian2d(1, 8, false)).nanPolicy(NanPolicy.SKIP).build();
        t.train(2);
        assertEquals(4, t.skippedCount());
        assertArrayEquals(before, d.parameters().get(0).toArray());
    }

    @Test
    void emaAveragesTheGeneratorWeights() {
        GanTrainer t = toy(3).ema(0.5).build();
        Map<String, Tensor> start = new java.util.LinkedHashMap<>();
        t.generator().namedParameters().forEach((k, v) -> start.put(k, v.copy()));
        t.step();
        // After one step: ema = 0.5·θ₀ + 0.5·θ₁; sample() with the EMA differs from the raw generator.
        Tensor z = t.fixedLatents(3);
        Tensor raw;
        t.generator().eval();
        try (var s = Autograd.noGrad()) {
            raw = t.generator().forward(z);
        }
        assertFalse(java.util.Arrays.equals(raw.toArray(), t.sample(z, null).toArray()));
        Map<String, Tensor> avg = new java.util.LinkedHashMap<>();
        t.generator().namedParameters().forEach((k, v) -> avg.put(k, v.add(start.get(k)).mul(0.5)));
        Tensor expected = t.generator().withParameters(avg, () -> t.generator().forward(z));
        assertArrayEquals(expected.toArray(), t.sample(z, null).toArray(), 1e-12);
    }

    @Test
    void unrolledFeatureMatchingAndPacRun() {
        for (GanTrainer t : List.of(toy(1).unrolled(3, 0.5).build(), toy(1).featureMatching(2).build())) {
            StepStats s = t.step();
            assertTrue(Double.isFinite(s.get("loss_g")) && s.get("grad_norm_g") > 0);
        }
        Rng rng = new Rng(1);
        GanTrainer pac = GanTrainer.builder(Models.toyGenerator(4, rng), Models.toyDiscriminator(2 * 4, rng), 4)
                .data(new Gaussian2d(1, 16, false)).pac(4).build();
        assertTrue(Double.isFinite(pac.step().get("loss_d")));
    }

    @Test
    void weightClipIsValidatedWhenSetAndZeroTurnsItOff() {
        for (double c : new double[] {-1, Double.NaN}) {   // were accepted, and clipping silently skipped
            var e = assertThrows(IllegalArgumentException.class, () -> toy(1).weightClip(c));
            assertTrue(e.getMessage().contains("weightClip: c must be ≥ 0 (0: off), got " + c), e.getMessage());
        }
        GanTrainer clipped = toy(1).weightClip(0.01).build();
        clipped.step();
        for (Tensor p : clipped.discriminator().parameters()) for (double v : p.data()) assertTrue(Math.abs(v) <= 0.01, "clipped: " + v);
        GanTrainer off = toy(1).weightClip(0.01).weightClip(0).build();
        off.step();
        assertTrue(off.discriminator().parameters().stream().anyMatch(p -> Arrays.stream(p.data()).anyMatch(v -> Math.abs(v) > 0.01)));
    }

    @Test
    void featureMatchingPastDsLastLayerIsRejectedByBuild() {
        // toyDiscriminator has 5 layers; build() accepted 10, then step() failed in Models.slice after D's update
        var e = assertThrows(IllegalArgumentException.class, () -> toy(1).featureMatching(10).build());
        assertTrue(e.getMessage().contains("GanTrainer: feature matching over 10 layers, but D has 5"), e.getMessage());
        assertTrue(Double.isFinite(toy(1).featureMatching(5).build().step().get("loss_g")));   // all of D is allowed
    }

    @Test
    void unrollingChangesTheGeneratorsGradientAndZeroStepsDoNot() {
        StepStats plain = toy(1).build().step(), unrolled = toy(1).unrolled(2, 1.0).build().step();
        assertEquals(plain.get("loss_d"), unrolled.get("loss_d"));
        assertNotEquals(plain.get("grad_norm_g"), unrolled.get("grad_norm_g"));
        assertEquals(plain.get("grad_norm_g"), toy(1).unrolled(0, 1.0).build().step().get("grad_norm_g"));
    }

    @Test
    void conditionalPlayersTrainWithLabels() {
        Rng rng = new Rng(4);
        for (Module d : List.<Module>of(new ConcatDiscriminator(Models.toyDiscriminator(2 + 3, rng), 3, 3, rng),
                new ProjectionDiscriminator(new Sequential(new Linear(2, 16, rng), new nash.nn.LeakyReLU(0.2)), 16, 3, rng))) {
            ConditionalGenerator g = new ConditionalGenerator(Models.toyGenerator(4 + 3, rng), 3, 3, rng);
            GanTrainer t = GanTrainer.builder(g, d, 4).data(new Gaussian2d(2, 8, true)).penalty(new GradientPenalty()).build();
            assertTrue(Double.isFinite(t.step().get("loss_g")));
            assertArrayEquals(new int[] {2, 2}, t.sample(t.fixedLatents(2), Tensor.of(new double[] {0, 2})).shape());
            assertThrows(IllegalArgumentException.class, () -> t.sample(t.fixedLatents(2), null));
        }
    }

    @Test
    void r2JudgesTheGeneratedBatchWithItsOwnLabels() {
        // The penalty's D calls must use the labels D's loss used for the same batch: R2 scored the generated samples
        // with the real batch's labels (fake labels are drawn separately), so it penalised D at pairs it never judged.
        Rng rng = new Rng(4);
        List<double[]> fakeCalls = new ArrayList<>();    // labels of every D call on a batch G made (x outside the data's range)
        ProjectionDiscriminator d = new ProjectionDiscriminator(new Sequential(new Linear(2, 16, rng), new nash.nn.LeakyReLU(0.2)), 16, 3, rng) {
            @Override public Tensor forward(Tensor x, Tensor labels) {
                if (!Arrays.equals(labels.toArray(), seenReal)) fakeCalls.add(labels.toArray());
                else fakeCalls.add(null);
                return super.forward(x, labels);
            }
        };
        ConditionalGenerator g = new ConditionalGenerator(Models.toyGenerator(4 + 3, rng), 3, 3, rng);
        BatchSource src = new Gaussian2d(2, 8, true) {
            @Override public Batch next() {
                Batch b = super.next();
                seenReal = Arrays.stream(b.labels()).asDoubleStream().toArray();
                return b;
            }
        };
        GanTrainer t = GanTrainer.builder(g, d, 4).data(src).penalty(nash.gan.penalty.R1.r2(1.0)).build();
        t.step();
        // D's step: real (real labels), generated (fake labels), then R2 on the generated batch: the same fake labels
        assertEquals(null, fakeCalls.get(0));
        assertArrayEquals(fakeCalls.get(1), fakeCalls.get(2), "R2 must judge G's samples with the labels they were made for");
    }

    static double[] seenReal;

    @Test
    void settingsThatWouldBeIgnoredOrDivergeAreRefusedAtBuild() {
        // hinge with label smoothing trained as if there were none; unrolled lr = +∞ diverged at step 1 ("loss is NaN")
        var e = assertThrows(IllegalArgumentException.class, () -> toy(1).loss(GanLoss.HINGE).labelSmoothing(0.1).build());
        assertTrue(e.getMessage().contains("HINGE: label smoothing has no target to soften"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> toy(1).unrolled(1, Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().contains("unrolled: need k ≥ 0 and a finite lr > 0"), e.getMessage());
        toy(1).loss(GanLoss.LEAST_SQUARES).labelSmoothing(0.1).build();
    }

    @Test
    void sampleLeavesAFrozenBatchNormFrozen() {
        // sample() ran g.eval() then g.train(): a BatchNorm the user had put in eval inside G came back training
        Rng rng = new Rng(2);
        nash.nn.BatchNorm1d bn = new nash.nn.BatchNorm1d(8);
        Module g = new Sequential(new Linear(4, 8, rng), bn, new nash.nn.ReLU(), new Linear(8, 2, rng));
        GanTrainer t = GanTrainer.builder(g, Models.toyDiscriminator(2, rng), 4).data(new Gaussian2d(2, 8, false)).build();
        bn.eval();
        t.sample(t.fixedLatents(3), null);
        assertTrue(g.isTraining());
        assertFalse(bn.isTraining());
    }

    @Test
    void theUnrolledLookaheadLeavesNoTraceInDsBuffers() {
        // each lookahead step ran D forward in training mode: its BatchNorm's running statistics moved k more times with
        // weights D never takes (reference code restores a copy of D); now D's buffers are as after its own step
        java.util.function.IntFunction<Map<String, Tensor>> after = k -> {
            Rng rng = new Rng(3);
            Module dn = new Sequential(new Linear(2, 16, rng), new nash.nn.BatchNorm1d(16), new nash.nn.LeakyReLU(0.2), new Linear(16, 1, rng));
            GanTrainer t = GanTrainer.builder(Models.toyGenerator(4, rng), dn, 4).data(new Gaussian2d(4, 16, false)).seed(3)
                    .unrolled(k, 0.5).build();
            t.step();
            return dn.namedBuffers();
        };
        Map<String, Tensor> one = after.apply(1), three = after.apply(3);
        assertEquals(one.keySet(), three.keySet());
        for (String key : one.keySet()) assertArrayEquals(one.get(key).toArray(), three.get(key).toArray(), 0.0, key);
        assertNotEquals(0.0, one.get("1.running_mean").toArray()[0], "D's own step did move them");
    }

    @Test
    void aToyGanLearnsTheMeanOfItsData() throws Exception {
        GanTrainer t = toy(11).generatorOptimizer(null).build();
        t.train(600);
        Tensor s = t.sample(Tensor.randn(new Rng(1), 500, 4), null);
        assertEquals(1.0, s.mean(0).get(0), 0.15);
        assertEquals(-1.0, s.mean(0).get(1), 0.15);
    }

    static Optimizer unused;
}
