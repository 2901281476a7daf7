package nash.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import nash.gan.train.GanTrainer;
import nash.nn.Module;
import nash.nn.io.Safetensors;

/** A trained run rebuilt from its checkpoint: the spec in its metadata, the data, the trainer with its weights. */
record Loaded(RunSpec spec, Setup.Data data, GanTrainer trainer) {

    static Loaded from(Path checkpoint) throws Exception {
        if (!Files.isRegularFile(checkpoint)) throw new IllegalArgumentException("no checkpoint at " + checkpoint);
        RunSpec spec = RunSpec.fromMetadata(Safetensors.metadata(checkpoint), checkpoint.toString());
        Setup.Data data = Setup.data(spec.data());
        checkSizes(spec, data, checkpoint);
        GanTrainer trainer = Setup.trainer(spec, data);
        trainer.load(checkpoint);
        return new Loaded(spec, data, trainer);
    }

    /**
     * Refuses a run.latent or run.pac that the file's tensors do not hold, before players of that size
     * are built (a crafted run.latent=16000000 was an OutOfMemoryError). The players' shapes are affine
     * in both sizes, so small probes (1, 1), (2, 1) and (1, 2) give every shape the spec would build;
     * each shape that depends on a size must be in the file. Other mismatches are left to trainer.load.
     */
    static void checkSizes(RunSpec spec, Setup.Data data, Path file) throws IOException {
        if (spec.latent() < 1) throw new IllegalArgumentException(file + ": run.latent must be at least 1, got " + spec.latent());
        if (spec.pac() < 1) throw new IllegalArgumentException(file + ": run.pac must be at least 1, got " + spec.pac());
        Map<String, int[]> base = probe(spec, data, 1, 1), byLatent = probe(spec, data, 2, 1);
        Map<String, int[]> byPac = spec.pac() > 1 ? probe(spec, data, 1, 2) : base;   // the model may refuse pac > 1: its message then
        Map<String, int[]> inFile = Safetensors.shapes(file);
        for (Map.Entry<String, int[]> e : base.entrySet()) {
            int[] s = e.getValue(), l = byLatent.get(e.getKey()), p = byPac.get(e.getKey());
            if (l == null || p == null || l.length != s.length || p.length != s.length) continue;   // not affine: left to load
            boolean onLatent = !Arrays.equals(s, l), onPac = !Arrays.equals(s, p);
            if (!onLatent && !onPac) continue;
            long[] want = new long[s.length];
            for (int i = 0; i < s.length; i++) want[i] = s[i] + (spec.latent() - 1L) * (l[i] - s[i]) + (spec.pac() - 1L) * (p[i] - s[i]);
            int[] got = inFile.get(e.getKey());
            if (got == null || !Arrays.equals(want, Arrays.stream(got).asLongStream().toArray())) {
                String key = onLatent ? "run.latent=" + spec.latent() : "run.pac=" + spec.pac();
                throw new IllegalArgumentException(file + ": its metadata's " + key + " does not fit its tensors: "
                        + e.getKey() + " would be " + Arrays.toString(want) + ", the file has "
                        + (got == null ? "no such tensor" : Arrays.toString(got)));
            }
        }
    }

    /** The shapes of the players' state (as a checkpoint names them) for the spec with this latent size and pac. */
    private static Map<String, int[]> probe(RunSpec s, Setup.Data data, int latent, int pac) {
        RunSpec small = new RunSpec(s.data(), s.model(), latent, s.loss(), s.penalty(), s.penaltyWeight(), s.criticSteps(),
                s.batch(), s.lrG(), s.lrD(), s.ema(), pac, s.unrolled(), s.labelSmoothing(), s.diffAugment(), s.seed());
        Module[] players = Setup.players(small, data);
        Map<String, int[]> shapes = new LinkedHashMap<>();
        players[0].stateDict().forEach((k, t) -> shapes.put("G." + k, t.shape()));
        players[1].stateDict().forEach((k, t) -> shapes.put("D." + k, t.shape()));
        return shapes;
    }
}
