package nash.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The provider in fresh JVMs: SIMD with the module, scalar with one log line without it, forced scalar by property. */
class KernelsProviderTest {

    private static String run(String... jvmArgs) throws IOException, InterruptedException {
        return runProbe(List.of(jvmArgs), List.of());
    }

    private static String runProbe(List<String> jvmArgs, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ProviderProbe.class.getName());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM timed out");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static String result(String out) {
        return out.lines().filter(l -> l.startsWith("result=")).findFirst().orElseThrow();
    }

    @Test
    void withoutTheModuleItFallsBackToScalarAndSaysSoOnce() throws Exception {
        String out = run();
        assertTrue(out.contains("kernels=scalar"), out);
        assertEquals(1, out.split("--add-modules jdk.incubator.vector", -1).length - 1, "one log line naming the flag:\n" + out);
    }

    @Test
    void withTheModuleItUsesSimdAndThePropertyForcesScalar() throws Exception {
        String vector = run("--add-modules", "jdk.incubator.vector");
        assertTrue(vector.contains("kernels=vector-"), vector);
        String forced = run("--add-modules", "jdk.incubator.vector", "-Dnash.kernels=scalar");
        assertTrue(forced.contains("kernels=scalar"), forced);
        String narrow = run("--add-modules", "jdk.incubator.vector", "-Dnash.vectorBits=128");
        assertTrue(narrow.contains("kernels=vector-128"), narrow);
        // Same answer either way (to rounding: the GEMMs add in different orders).
        double a = Double.parseDouble(result(vector).substring(7)), b = Double.parseDouble(result(forced).substring(7));
        assertEquals(a, b, 1e-12 * Math.abs(a));
    }

    @Test
    void anyBlockingPropertyGivesTheSameBits() throws Exception {
        // mc = 10 and nc = 20 (not whole register blocks) made packed panels overlap: wrong products; kc = 0 divided by
        // zero while the class loaded. The README says results do not depend on these settings.
        for (String props : new String[] {"-Dnash.gemm.mc=10 -Dnash.gemm.nc=20", "-Dnash.gemm.kc=7 -Dnash.gemm.mc=5 -Dnash.gemm.nc=33",
                "-Dnash.gemm.kc=0", "-Dnash.gemm.mc=-3 -Dnash.gemm.nc=0"}) {
            List<String> jvm = new ArrayList<>(List.of("--add-modules", "jdk.incubator.vector"));
            jvm.addAll(List.of(props.split(" ")));
            String out = runProbe(jvm, List.of("gemm"));
            assertTrue(out.contains("gemm=ok"), props + ":\n" + out);
        }
    }
}
