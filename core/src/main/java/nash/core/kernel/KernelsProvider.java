package nash.core.kernel;

import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses the kernels once, at class initialisation: the Vector API implementation when the
 * {@code jdk.incubator.vector} module is present, the scalar reference otherwise (saying so once,
 * through {@link System.Logger}).
 *
 * <p>System properties: {@code nash.kernels=scalar} forces the reference; {@code nash.kernels=vector}
 * demands SIMD (an error if the module is absent); {@code nash.vectorBits=64|128|256|512} picks the
 * vector width (default: the platform's preferred width); {@code nash.kernels.profile=true} times every call
 * (see {@link KernelProfile}).
 *
 * <p>Why hidden classes. C2 compiles Vector API calls to SIMD instructions only when the species
 * is a compile-time constant, i.e. a {@code static final} field; a species held in an instance
 * field leaves every vector boxed (GEMM runs 30× slower). So each width gets its own copy of the
 * vector classes, defined from the same bytes as a hidden class whose class data is the width
 * (see {@link #specialize}); their {@code static final} species reads it. One copy per width, cached.
 */
public final class KernelsProvider {

    private static final System.Logger LOG = System.getLogger("nash.core.kernel");
    private static final String VECTOR_CLASS = "nash.core.kernel.VectorKernels";
    private static final ConcurrentHashMap<Integer, Kernels> VECTOR = new ConcurrentHashMap<>();
    private static final Kernels INSTANCE = new CheckedKernels(KernelProfile.wrap(choose()));

    private KernelsProvider() {}

    /** The kernels every op uses. Like every instance handed out here, they check their arguments (see {@link CheckedKernels}). */
    public static Kernels get() { return INSTANCE; }

    /** The scalar reference kernels. */
    public static Kernels scalar() { return new CheckedKernels(new ScalarKernels()); }

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
        if (bits != 0 && bits != 64 && bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException("vector width must be 64, 128, 256 or 512 bits, got " + bits);
        }
        return VECTOR.computeIfAbsent(bits, b -> new CheckedKernels(specialize(VECTOR_CLASS, b, Kernels.class)));
    }

    /**
     * A new instance of a copy of class {@code className} (a class of this package with a no-argument
     * constructor), defined as a hidden class whose class data is {@code bits}; the copy reads it
     * with {@link #classBits}.
     */
    static <T> T specialize(String className, int bits, Class<T> type) {
        String file = className.substring(className.lastIndexOf('.') + 1) + ".class";
        try (InputStream in = KernelsProvider.class.getResourceAsStream(file)) {
            if (in == null) throw new IllegalStateException("cannot find the class file " + file);
            MethodHandles.Lookup copy = MethodHandles.lookup().defineHiddenClassWithClassData(in.readAllBytes(), bits, true);
            return type.cast(copy.findConstructor(copy.lookupClass(), MethodType.methodType(void.class)).invoke());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot load " + className + " for " + bits + "-bit vectors", e);
        }
    }

    /** The width given to {@link #specialize} for the class of {@code own} (its own lookup), or 0 (preferred) for the original class. */
    static int classBits(MethodHandles.Lookup own) {
        try {
            Integer bits = MethodHandles.classData(own, ConstantDescs.DEFAULT_NAME, Integer.class);
            return bits == null ? 0 : bits;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Kernels unchecked(Kernels k) { return ((CheckedKernels) k).inner(); }

    private static Kernels choose() {
        String mode = System.getProperty("nash.kernels", "auto").trim().toLowerCase(java.util.Locale.ROOT);
        int bits = Integer.getInteger("nash.vectorBits", 0);
        switch (mode) {
            case "scalar":
                LOG.log(Level.DEBUG, "nash.kernels=scalar: using the scalar reference kernels");
                return new ScalarKernels();
            case "vector":
                return unchecked(vector(bits));
            case "auto":
                if (vectorAvailable()) return unchecked(vector(bits));
                LOG.log(Level.INFO, "Vector API not available, using scalar kernels "
                        + "(pass --add-modules jdk.incubator.vector to java for SIMD)");
                return new ScalarKernels();
            default:
                throw new IllegalArgumentException("nash.kernels must be auto, scalar or vector, got '" + mode + "'");
        }
    }
}
