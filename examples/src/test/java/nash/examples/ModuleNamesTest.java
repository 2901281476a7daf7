package nash.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import nash.core.Tensor;
import nash.gan.train.GanTrainer;
import nash.nn.Module;
import org.junit.jupiter.api.Test;

/**
 * The library jars, as a project depending on them gets them (Maven's reactor hands this module the packaged jars),
 * are the automatic modules nash.core, nash.nn and nash.gan whatever their files are called (the README's
 * "Using Nash from another project"): the name comes from the manifest, not from the file name.
 */
class ModuleNamesTest {

    @Test
    void libraryJarsNameTheirModules() throws Exception {
        assertEquals("nash.core", moduleOf(Tensor.class));
        assertEquals("nash.nn", moduleOf(Module.class));
        assertEquals("nash.gan", moduleOf(GanTrainer.class));
    }

    /** The module name of the jar holding c, read from a copy named x.jar (so a file-name-derived name would be "x"). */
    private static String moduleOf(Class<?> c) throws URISyntaxException, java.io.IOException {
        Path jar = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        assumeTrue(Files.isRegularFile(jar), "run from class folders, not jars: " + jar);
        Path dir = Files.createTempDirectory("nash-module"), copy = dir.resolve("x.jar");
        try {
            Files.copy(jar, copy);
            Set<String> names = ModuleFinder.of(copy).findAll().stream()
                    .map(r -> r.descriptor()).map(ModuleDescriptor::name).collect(Collectors.toSet());
            assertEquals(1, names.size(), names.toString());
            return names.iterator().next();
        } finally {
            Files.deleteIfExists(copy);
            Files.delete(dir);
        }
    }
}
