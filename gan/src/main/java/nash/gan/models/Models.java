package nash.gan.models;

import nash.core.Rng;
import nash.nn.BatchNorm2d;
import nash.nn.Conv2d;
import nash.nn.ConvTranspose2d;
import nash.nn.Flatten;
import nash.nn.LeakyReLU;
import nash.nn.Linear;
import nash.nn.Module;
import nash.nn.ReLU;
import nash.nn.Sequential;
import nash.nn.Tanh;
import nash.nn.Unflatten;

/** The reference architectures: the MLP GAN and the 28×28 DCGAN of the benchmarks, and small 2-D nets. */
public final class Models {

    private Models() {}

    /** G = Linear(latent,256) LeakyReLU(0.2) Linear(256,512) LeakyReLU(0.2) Linear(512,out) Tanh. */
    public static Sequential mlpGenerator(int latent, int out, Rng rng) {
        return new Sequential(new Linear(latent, 256, rng), new LeakyReLU(0.2), new Linear(256, 512, rng), new LeakyReLU(0.2),
                new Linear(512, out, rng), new Tanh());
    }

    /** D = Linear(in,512) LeakyReLU(0.2) Linear(512,256) LeakyReLU(0.2) Linear(256,1). */
    public static Sequential mlpDiscriminator(int in, Rng rng) {
        return new Sequential(new Linear(in, 512, rng), new LeakyReLU(0.2), new Linear(512, 256, rng), new LeakyReLU(0.2),
                new Linear(256, 1, rng));
    }

    /**
     * DCGAN 28×28 generator: Linear(latent, 128·7·7) ReLU, Unflatten, ConvTranspose2d(128,64,4,2,1)
     * BatchNorm2d ReLU, ConvTranspose2d(64,1,4,2,1) Tanh → [N, 1, 28, 28].
     */
    public static Sequential dcganGenerator(int latent, Rng rng) {
        return new Sequential(new Linear(latent, 128 * 7 * 7, rng), new ReLU(), new Unflatten(1, 128, 7, 7),
                new ConvTranspose2d(128, 64, 4, 2, 1, rng), new BatchNorm2d(64), new ReLU(),
                new ConvTranspose2d(64, 1, 4, 2, 1, rng), new Tanh());
    }

    /**
     * DCGAN 28×28 discriminator: Conv2d(1,64,4,2,1) LeakyReLU(0.2), Conv2d(64,128,4,2,1)
     * BatchNorm2d LeakyReLU(0.2), Flatten, Linear(6272, 1).
     */
    public static Sequential dcganDiscriminator(Rng rng) {
        return new Sequential(dcganFeatures(rng), new Linear(128 * 7 * 7, 1, rng));
    }

    /** The DCGAN discriminator up to its features [N, 6272] (for the projection discriminator). */
    public static Sequential dcganFeatures(Rng rng) {
        return new Sequential(new Conv2d(1, 64, 4, 2, 1, rng), new LeakyReLU(0.2),
                new Conv2d(64, 128, 4, 2, 1, rng), new BatchNorm2d(128), new LeakyReLU(0.2), new Flatten());
    }

    /** A small generator for 2-D data: latent → 128 → 128 → 2, ReLU. */
    public static Sequential toyGenerator(int latent, Rng rng) {
        return new Sequential(new Linear(latent, 128, rng), new ReLU(), new Linear(128, 128, rng), new ReLU(), new Linear(128, 2, rng));
    }

    /** A small discriminator for 2-D data (or m packed points): in → 128 → 128 → 1, LeakyReLU(0.2). */
    public static Sequential toyDiscriminator(int in, Rng rng) {
        return new Sequential(new Linear(in, 128, rng), new LeakyReLU(0.2), new Linear(128, 128, rng), new LeakyReLU(0.2),
                new Linear(128, 1, rng));
    }

    /** Layers [from, to) of a Sequential as a new Sequential sharing the modules (e.g. D's features for feature matching). */
    public static Sequential slice(Sequential s, int from, int to) {
        if (from < 0 || to > s.size() || from > to) {
            throw new IllegalArgumentException("Models.slice: [" + from + ", " + to + ") is not a range within the " + s.size() + " layers");
        }
        Sequential out = new Sequential();
        for (int i = from; i < to; i++) out.add(s.get(i));
        return out;
    }

    /** The number of parameters of a module, for printing. */
    public static String describe(Module m) { return m.getClass().getSimpleName() + " with " + m.numParameters() + " parameters"; }
}
