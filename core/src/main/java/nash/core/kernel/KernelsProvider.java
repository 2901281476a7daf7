package nash.core.kernel;

import java.lang.System.Logger.Level;

/**
 * Chooses the kernels once, at class initialisation: the Vector API implementation when the
 * {@code jdk.incubator.vector} module is present, the scalar reference otherwise (saying so once,
 * through {@link System.Logger}).
 *
 * <p>System properties: {@code nash.kernels=scalar} forces the reference; {@code nash.kernels=vector}
 * demands SIMD (an error if the module is absent); {@code nash.vectorBits=64|128|256|512} picks the
 * vector width (default: the platform's preferred width).
 */
public final class KernelsProvider {

    private static final System.Logger LOG = System.getLogger("nash.core.kernel");
    private static final String VECTOR_CLASS = "nash.core.kernel.VectorKernels";
    private static final Kernels INSTANCE = choose();

    private KernelsProvider() {}

    /** The kernels every op uses. */
    public static Kernels get() { return INSTANCE; }

    /** The scalar reference kernels. */
    public static Kernels scalar() { return new ScalarKernels(); }

    /** Whether the Vector API module is in this JVM. */
    public static boolean vectorAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /**
     * Vector kernels of the given width in bits (0: the preferred width).
     *
     * @throws IllegalStateException if the Vector API module is absent
     */
    public static Kernels vector(int bits) {
        if (!vectorAvailable()) {
            throw new IllegalStateException("vector kernels need the jdk.incubator.vector module: "
                    + "run java with --add-modules jdk.incubator.vector");
        }
        try {
            Class<?> cls = Class.forName(VECTOR_CLASS);
            return bits == 0 ? (Kernels) cls.getConstructor().newInstance()
                    : (Kernels) cls.getConstructor(int.class).newInstance(bits);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException("cannot create vector kernels", e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot load vector kernels", e);
        }
    }

    private static Kernels choose() {
        String mode = System.getProperty("nash.kernels", "auto").trim().toLowerCase(java.util.Locale.ROOT);
        int bits = Integer.getInteger("nash.vectorBits", 0);
        switch (mode) {
            case "scalar":
                LOG.log(Level.DEBUG, "nash.kernels=scalar: using the scalar reference kernels");
                return scalar();
            case "vector":
                return vector(bits);
            case "auto":
                if (vectorAvailable()) return vector(bits);
                LOG.log(Level.INFO, "Vector API not available, using scalar kernels "
                        + "(pass --add-modules jdk.incubator.vector to java for SIMD)");
                return scalar();
            default:
                throw new IllegalArgumentException("nash.kernels must be auto, scalar or vector, got '" + mode + "'");
        }
    }
}
