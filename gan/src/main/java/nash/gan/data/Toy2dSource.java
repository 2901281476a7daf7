package nash.gan.data;

import nash.core.Rng;

/** Batches drawn fresh from a {@link Toy2d} mixture by a seeded generator (its state is the position). */
public final class Toy2dSource implements BatchSource {

    private final Toy2d mixture;
    private final int batchSize;
    private Rng rng;

    /** Batches of {@code batchSize} ≥ 1 points from {@code mixture}, drawn by a generator seeded with {@code seed}; unlabelled. */
    public Toy2dSource(Toy2d mixture, int batchSize, long seed) {
        if (mixture == null) throw new IllegalArgumentException("Toy2dSource: mixture must not be null");
        if (batchSize < 1) throw new IllegalArgumentException("Toy2dSource: batch size must be ≥ 1, got " + batchSize);
        this.mixture = mixture;
        this.batchSize = batchSize;
        this.rng = new Rng(seed);
    }

    /** The mixture the points are drawn from. */
    public Toy2d mixture() { return mixture; }

    @Override public Dataset.Batch next() { return new Dataset.Batch(mixture.sample(batchSize, rng), null, null); }

    @Override public long[] state() { return rng.state(); }

    @Override public void restore(long[] state) {
        if (state == null) throw new IllegalArgumentException("Toy2dSource.restore: state must not be null");
        rng = Rng.fromState(state);
    }
}
