package nash.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import nash.core.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, on small runs. */
class CliTest {

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Cli.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** In its own JVM, started as the jar starts it: the launcher sets the property before the first kernel runs. */
    @Test
    void trainPrintsWhereTheKernelTimeWent(@TempDir Path tmp) throws Exception {
        String out = launch("train", "--data", "ring8", "--steps", "12", "--snapshot-every", "12",
                "--kernel-profile", "--out", tmp.resolve("run").toString());
        assertTrue(out.contains("kernel time per step (u) over the last 10 steps"), out); // 12 less a fifth left out
        assertTrue(out.lines().anyMatch(l -> l.startsWith("gemm") && l.contains("(all shapes)")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("adam ")), out);
        assertTrue(out.contains("modes_captured"), "the run still ends as usual:\n" + out);
    }

    /** Was only the bare flag: with "=true" picocli turned it on, the launcher did not, and train refused to start. */
    @Test
    void theLauncherReadsKernelProfileWithAValue(@TempDir Path tmp) throws Exception {
        assertTrue(nash.examples.Main.kernelProfile(List.of("train", "--kernel-profile=true")));
        assertTrue(nash.examples.Main.kernelProfile(List.of("train", "--kernel-profile=TRUE")));
        assertTrue(!nash.examples.Main.kernelProfile(List.of("train", "--kernel-profile=false")));
        assertTrue(!nash.examples.Main.kernelProfile(List.of("train", "--kernel-profile", "--kernel-profile=false")));
        assertTrue(!nash.examples.Main.kernelProfile(List.of("train", "--", "--kernel-profile")));
        String out = launch("train", "--data", "ring8", "--steps", "6", "--batch", "8", "--kernel-profile=true", "--out", tmp.resolve("run").toString());
        assertTrue(out.contains("kernel time per step"), out);
    }

    /** nash with these arguments in a child JVM started as the jar starts it (through Main); its output, after exit 0. */
    private static String launch(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), "nash.examples.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void kernelProfileNeedsTheLauncher(@TempDir Path tmp) {
        // this JVM chose its kernels without the property: one clear line, nothing trained
        Result r = run("train", "--data", "ring8", "--steps", "5", "--kernel-profile", "--out", tmp.resolve("run").toString());
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("--kernel-profile") && r.err().contains("nash.kernels.profile"), r.err());
        assertTrue(!Files.exists(tmp.resolve("run").resolve("checkpoint.safetensors")));
    }

    @Test
    void trainResumeSampleAndEvalOn2dData(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("ring");
        Result r = run("train", "--data", "ring8", "--steps", "20", "--snapshot-every", "10", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        for (String f : List.of("report.html", "metrics.csv", "metrics.json", "samples.csv", "checkpoint.safetensors",
                "samples/step-000010.png", "samples/step-000020.png")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f + " missing; output:\n" + r.out());
        }
        assertTrue(Files.readString(dir.resolve("samples.csv")).startsWith("x,y\n"));
        assertEquals(2501, Files.readAllLines(dir.resolve("samples.csv")).size());
        assertTrue(r.out().contains("modes_captured"), r.out());

        Result resumed = run("train", "--resume", "--out", dir.toString(), "--steps", "30", "--snapshot-every", "10");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resumed") && resumed.out().contains("step 20"), resumed.out());
        assertEquals(30 + 1, Files.readAllLines(dir.resolve("metrics.csv")).size(), "metrics continue across the resume");

        Path png = tmp.resolve("pts.png");
        Result s = run("sample", "--checkpoint", dir.resolve("checkpoint.safetensors").toString(), "--out", png.toString(), "-n", "100");
        assertEquals(0, s.code(), s.err());
        assertEquals(101, Files.readAllLines(tmp.resolve("pts.csv")).size());
        Result e = run("eval", "--checkpoint", dir.resolve("checkpoint.safetensors").toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("step 30") && e.out().contains("high_quality_percent"), e.out());
    }

    /** A small labelled IDX directory: n 28×28 images of 10 classes (a bright square whose place is the class). */
    static Path idxDir(Path dir, int n) throws IOException {
        return idxDir(dir, n, 1);
    }

    /** The same, its pixel noise drawn with {@code seed}. */
    static Path idxDir(Path dir, int n, long seed) throws IOException {
        Files.createDirectories(dir);
        Rng rng = new Rng(seed);
        try (DataOutputStream img = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(dir.resolve("train-images-idx3-ubyte.gz"))));
             DataOutputStream lab = new DataOutputStream(Files.newOutputStream(dir.resolve("train-labels-idx1-ubyte")))) {
            img.writeInt(0x803);
            img.writeInt(n);
            img.writeInt(28);
            img.writeInt(28);
            lab.writeInt(0x801);
            lab.writeInt(n);
            for (int i = 0; i < n; i++) {
                int c = i % 10;
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        boolean on = y / 9 == c / 3 && x / 9 == c % 3 || (c == 9 && y > 24);
                        img.writeByte(on ? 200 + rng.nextInt(50) : rng.nextInt(20));
                    }
                }
                lab.writeByte(c);
            }
        }
        return dir;
    }

    /** `train --model model --steps steps` on a 200-image IDX directory tmp/idx into tmp/run, classifier cached in cache. */
    private static Result trainOnIdx(Path tmp, String model, String steps, String cache) throws IOException {
        Path data = idxDir(tmp.resolve("idx"), 200);
        Result r = withCache(cache, () -> run("train", "--data", data.toString(), "--model", model, "--steps", steps, "--batch", "16",
                "--out", tmp.resolve("run").toString()));
        assertEquals(0, r.code(), r.err() + r.out());
        return r;
    }

    @Test
    void trainsOnAnIdxDirectoryWithImageMetricsAndInterpolates(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("run");
        String cache = tmp.resolve("cache").toString();
        Result r = trainOnIdx(tmp, "cmlp", "4", cache);
        for (String m : List.of("fid", "class_js", "inception_score", "precision", "recall", "nearest_train_distance")) {
            assertTrue(r.out().contains(m), m + " missing:\n" + r.out());
        }
        Path ckpt = dir.resolve("checkpoint.safetensors");
        Result s = run("sample", "--checkpoint", ckpt.toString(), "--out", tmp.resolve("grid.png").toString(), "--per-class");
        assertEquals(0, s.code(), s.err());
        assertTrue(Files.size(tmp.resolve("grid.png")) > 1000);
        Result i = run("interpolate", "--checkpoint", ckpt.toString(), "--out", tmp.resolve("walk.png").toString(), "--steps", "5");
        assertEquals(0, i.code(), i.err());
    }

    @Test
    void theMetricsClassifierCacheTellsDataSetsApart(@TempDir Path tmp) throws IOException {
        // were one cache entry, "data-200": the second folder got the first one's classifier, and wrong metrics
        Setup.Data a = Setup.data(idxDir(tmp.resolve("a").resolve("data"), 200, 1).toString());
        Setup.Data b = Setup.data(idxDir(tmp.resolve("b").resolve("data"), 200, 2).toString());
        Path cache = tmp.resolve("cache");
        String old = System.getProperty("nash.cache");
        System.setProperty("nash.cache", cache.toString());
        try {
            Evaluation.classifier(a);
            Evaluation.classifier(b);
            Evaluation.classifier(Setup.data(tmp.resolve("a").resolve("data").toString()));   // found again, not retrained
        } finally {
            if (old == null) System.clearProperty("nash.cache");
            else System.setProperty("nash.cache", old);
        }
        try (var files = Files.list(cache)) {
            assertEquals(2, files.count());
        }
        assertTrue(!Evaluation.cacheKey(a).equals(Evaluation.cacheKey(b)));
        assertTrue(Evaluation.cacheKey(a).matches("data-[0-9a-f]{16}"), Evaluation.cacheKey(a));
        // the bundled set keeps its key; a folder of that name does not take it
        assertEquals("fashion-mnist-200", Evaluation.cacheKey(new Setup.Data("fashion-mnist", a.images(), null, List.of())));
        Setup.Data named = Setup.data(idxDir(tmp.resolve("fashion-mnist"), 200, 1).toString());
        assertTrue(Evaluation.cacheKey(named).matches("fashion-mnist-[0-9a-f]{16}"), Evaluation.cacheKey(named));
    }

    @Test
    void evalAndSampleNeedEnoughSamples(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("run");
        String cache = tmp.resolve("cache").toString();
        trainOnIdx(tmp, "mlp", "1", cache);
        String ckpt = dir.resolve("checkpoint.safetensors").toString();
        // were "FrechetDistance.between: x has 1 rows…" and "ImageClassifier.features: no images"
        for (String n : List.of("1", "0", "-3")) {
            Result r = withCache(cache, () -> run("eval", "--checkpoint", ckpt, "-n", n));
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("-n must be at least 2, got " + n), r.err());
        }
        for (String n : List.of("0", "-1")) {
            Result r = run("sample", "--checkpoint", ckpt, "-n", n, "--out", tmp.resolve("s.png").toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("-n must be at least 1, got " + n), r.err());
        }
    }

    static Result withCache(String dir, java.util.function.Supplier<Result> body) {
        String old = System.getProperty("nash.cache");
        System.setProperty("nash.cache", dir);
        try {
            return body.get();
        } finally {
            if (old == null) System.clearProperty("nash.cache");
            else System.setProperty("nash.cache", old);
        }
    }

    @Test
    void aRunIsNeverOverwrittenOrSilentlyChanged(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("r");
        assertEquals(0, run("train", "--data", "ring8", "--steps", "4", "--batch", "8", "--snapshot-every", "1", "--out", dir.toString()).code());
        byte[] ckpt = Files.readAllBytes(dir.resolve("checkpoint.safetensors"));
        // a new run into the folder replaced the checkpoint, and a resume then reported the old run's samples as its own
        Result again = run("train", "--data", "ring8", "--steps", "2", "--batch", "8", "--out", dir.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already holds a run") && again.err().contains("--resume") && again.err().contains("--force"), again.err());
        assertArrayEquals(ckpt, Files.readAllBytes(dir.resolve("checkpoint.safetensors")));
        Result forced = run("train", "--data", "ring8", "--steps", "2", "--batch", "8", "--snapshot-every", "1", "--force", "--out", dir.toString());
        assertEquals(0, forced.code(), forced.err());
        assertFalse(Files.exists(dir.resolve("samples/step-000003.png")), "the old run's samples are gone");
        assertTrue(Files.exists(dir.resolve("samples/step-000002.png")));
        // --resume keeps the run's settings: a changed one was ignored silently
        Result changed = run("train", "--resume", "--out", dir.toString(), "--steps", "3", "--loss", "hinge");
        assertEquals(2, changed.code());
        assertTrue(changed.err().contains("--resume: --loss is fixed by the run"), changed.err());
        // --loss WGAN is wgan, with its defaults (gradient penalty, 5 critic steps); it trained with neither
        Path w = tmp.resolve("w");
        assertEquals(0, run("train", "--data", "ring8", "--steps", "1", "--batch", "8", "--loss", "WGAN", "--out", w.toString()).code());
        var meta = nash.nn.io.Safetensors.metadata(w.resolve("checkpoint.safetensors"));
        assertEquals("wgan", meta.get("run.loss"));
        assertEquals("gp", meta.get("run.penalty"));
        assertEquals("5", meta.get("run.critic_steps"));
        // options named by the CLI, not by the layer or builder setting they reach
        for (String[] bad : new String[][] {{"--pac", "0", "--pac must be at least 1"}, {"--latent", "0", "--latent must be at least 1"},
                {"--ema", "-1", "--ema must be in [0, 1)"}, {"--ema", "NaN", "--ema must be in [0, 1)"}, {"--unrolled", "-1", "--unrolled must be at least 0"},
                {"--lr-g", "Infinity", "--lr-g must be finite"}}) {
            Result r = run("train", "--data", "ring8", "--steps", "1", bad[0], bad[1], "--out", tmp.resolve("bad").toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains(bad[2]), r.err());
        }
        // the report's subtitle is the command as typed, not "nash train train …"
        assertTrue(Files.readString(dir.resolve("report.html")).contains("nash train --data ring8"));
    }

    @Test
    void aFileSystemErrorSaysWhatWentWrong(@TempDir Path tmp) throws IOException {
        // was "nash train: /proc/x": the exception's message is only the path, its kind the class the CLI dropped
        assertEquals("/a/b: no such file or directory", Cli.message(new java.nio.file.NoSuchFileException("/a/b")));
        assertEquals("/a/b: permission denied", Cli.message(new java.nio.file.AccessDeniedException("/a/b")));
        assertEquals("/a/b: Read-only file system", Cli.message(new java.nio.file.FileSystemException("/a/b", null, "Read-only file system")));
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");          // --out under a file: no directory can be made there
        Result r = run("train", "--data", "ring8", "--steps", "2", "--batch", "8", "--out", file.resolve("run").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().matches("(?s)nash train: .*plain-file.*: .+\\R?"), r.err());
        assertTrue(!r.err().trim().endsWith("run") && !r.err().trim().endsWith("plain-file"), "more than a path: " + r.err());
    }

    @Test
    void badInputGetsOneClearLine(@TempDir Path tmp) throws IOException {
        Result r = run("train", "--data", tmp.resolve("nowhere").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("neither one of") && r.err().contains("nowhere"), r.err());
        assertTrue(!r.err().contains("Exception"), r.err());
        Result bad = run("train", "--steps", "many");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--steps"), bad.err());
        Result loss = run("train", "--data", "ring8", "--loss", "fancy", "--steps", "1", "--out", tmp.resolve("x").toString());
        assertTrue(loss.err().contains("unknown loss 'fancy'"), loss.err());
        Result model = run("train", "--data", "ring8", "--model", "dcgan", "--steps", "1", "--out", tmp.resolve("y").toString());
        assertTrue(model.err().contains("2-D data takes --model mlp"), model.err());
        // were: "already at step 0 of -5" (exit 0), and a run that stopped after 1 of 2 steps
        Result negative = run("train", "--data", "ring8", "--steps", "-5", "--out", tmp.resolve("z").toString());
        assertEquals(2, negative.code());
        assertTrue(negative.err().contains("--steps must be at least 1, got -5"), negative.err());
        Result every = run("train", "--data", "ring8", "--steps", "2", "--snapshot-every", "0", "--out", tmp.resolve("w").toString());
        assertEquals(2, every.code());
        assertTrue(every.err().contains("--snapshot-every must be at least 1, got 0"), every.err());
        assertTrue(!Files.exists(tmp.resolve("w")), "nothing written");
        Result none = run("sample", "--checkpoint", tmp.resolve("missing.safetensors").toString());
        assertTrue(none.err().contains("no checkpoint at"), none.err());
        Files.writeString(tmp.resolve("junk.safetensors"), "not a checkpoint");
        Result junk = run("eval", "--checkpoint", tmp.resolve("junk.safetensors").toString());
        assertEquals(2, junk.code());
        assertTrue(junk.err().startsWith("nash eval:"), junk.err());
    }

    @Test
    void interpolateRefusesMoreImagesThanAPictureHolds(@TempDir Path tmp) {
        // was a NegativeArraySizeException: 50,000 × 50,000 overflows int
        Result r = run("interpolate", "--checkpoint", tmp.resolve("any.safetensors").toString(), "--rows", "50000", "--steps", "50000");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--rows × --steps must be at most 10,000 images, got 50,000 × 50,000"), r.err());
        Result big = run("interpolate", "--checkpoint", tmp.resolve("any.safetensors").toString(), "--rows", "101", "--steps", "100");
        assertEquals(2, big.code(), big.err());
        assertTrue(big.err().contains("--rows × --steps"), big.err());
    }

    @Test
    void aCheckpointThatDoesNotMatchTheModelIsNamed(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        assertEquals(0, run("train", "--data", "ring8", "--steps", "2", "--out", dir.toString()).code());
        // Rewrite the checkpoint's metadata to claim another model: loading must say what does not match.
        Path ckpt = dir.resolve("checkpoint.safetensors");
        var meta = new java.util.LinkedHashMap<>(nash.nn.io.Safetensors.metadata(ckpt));
        meta.put("run.pac", "2");
        var tensors = nash.nn.io.Safetensors.load(ckpt);
        meta.keySet().removeIf(k -> k.startsWith("__"));
        nash.nn.io.Safetensors.save(tensors, meta, ckpt);
        Result r = run("eval", "--checkpoint", ckpt.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("run.pac=2 does not fit its tensors: D.0.weight would be [128, 4], the file has [128, 2]"), r.err());
    }

    /** A copy of a checkpoint whose metadata has key = value. */
    static Path withMetadata(Path ckpt, Path copy, String key, String value) throws IOException {
        var meta = new java.util.LinkedHashMap<>(nash.nn.io.Safetensors.metadata(ckpt));
        meta.keySet().removeIf(k -> k.startsWith("__"));
        meta.put(key, value);
        nash.nn.io.Safetensors.save(nash.nn.io.Safetensors.load(ckpt), meta, copy);
        return copy;
    }

    /** Were an OutOfMemoryError trace (exit 1): the players were built from the metadata before any shape was checked. */
    @Test
    void craftedSizesInACheckpointAreRefusedBeforeBuilding(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        assertEquals(0, run("train", "--data", "ring8", "--steps", "2", "--out", dir.toString()).code());
        Path ckpt = dir.resolve("checkpoint.safetensors");
        Path latent = withMetadata(ckpt, tmp.resolve("latent.safetensors"), "run.latent", "16000000");
        Result r = run("sample", "--checkpoint", latent.toString(), "--out", tmp.resolve("s.png").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(latent + ": its metadata's run.latent=16000000 does not fit its tensors: G.0.weight"), r.err());
        Path pac = withMetadata(ckpt, tmp.resolve("pac.safetensors"), "run.pac", "1000000");
        Result p = run("eval", "--checkpoint", pac.toString());
        assertEquals(2, p.code(), p.err());
        assertTrue(p.err().contains(pac + ": its metadata's run.pac=1000000 does not fit its tensors: D.0.weight would be [128, 2000000]"), p.err());
        Path zero = withMetadata(ckpt, tmp.resolve("zero.safetensors"), "run.latent", "0");
        Result z = run("interpolate", "--checkpoint", zero.toString());
        assertEquals(2, z.code(), z.err());
        assertTrue(z.err().contains("run.latent must be at least 1, got 0"), z.err());
        // and train --resume, which builds its players without Loaded
        Path resumeDir = tmp.resolve("resume");
        Files.createDirectories(resumeDir);
        Files.copy(latent, resumeDir.resolve("checkpoint.safetensors"));
        Result t = run("train", "--resume", "--out", resumeDir.toString(), "--steps", "4");
        assertEquals(2, t.code(), t.err());
        assertTrue(t.err().contains("run.latent=16000000 does not fit its tensors"), t.err());
        // an honest packed run still loads
        Path packed = tmp.resolve("packed");
        assertEquals(0, run("train", "--data", "ring8", "--pac", "4", "--steps", "2", "--out", packed.toString()).code());
        Result ok = run("sample", "--checkpoint", packed.resolve("checkpoint.safetensors").toString(), "-n", "10",
                "--out", tmp.resolve("ok.png").toString());
        assertEquals(0, ok.code(), ok.err());
    }
}
