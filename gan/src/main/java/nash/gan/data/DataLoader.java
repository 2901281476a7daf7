package nash.gan.data;

import java.util.Arrays;
import nash.core.Rng;
import nash.gan.data.Dataset.Batch;

/**
 * Seeded shuffling and batching over a {@link Dataset}, as an endless stream of batches across
 * epochs, whose position can be saved and restored exactly.
 *
 * <p>Each epoch visits a permutation of the examples (drawn from the loader's {@link Rng}, or the
 * identity without shuffling) in batches of {@code batchSize}; the last, shorter batch is dropped
 * with {@code dropLast}. {@link #next()} starts the next epoch when the current one is used up.
 *
 * <p>{@link #state()} is a {@code long[]} — the configuration, the epoch, the position in it and the
 * generator's state at the start of the epoch (from which its permutation is drawn again) — so a
 * training run resumed from a checkpoint with {@link #restore} sees the same batches, bit for bit,
 * as the run that was not interrupted. Not thread-safe.
 */
public final class DataLoader implements BatchSource {

    private static final long STATE_TAG = 0x4E4153484C4F4144L;   // "NASHLOAD"
    private static final int STATE_LENGTH = 11;

    private final Dataset data;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final int n;

    private Rng rng;
    private long[] epochStartRng;   // rng state before this epoch's permutation
    private int[] order;            // this epoch's permutation
    private long epoch;
    private int cursor;             // examples of this epoch already returned

    /**
     * @param batchSize examples per batch, ≥ 1
     * @param shuffle   visit each epoch in a new random order (else in dataset order)
     * @param dropLast  drop each epoch's last batch when it is shorter than batchSize
     * @param seed      seeds the shuffling
     * @throws IllegalArgumentException if an epoch would have no batch
     */
    public DataLoader(Dataset data, int batchSize, boolean shuffle, boolean dropLast, long seed) {
        if (data == null) throw new IllegalArgumentException("DataLoader: data must not be null");
        if (batchSize < 1) throw new IllegalArgumentException("DataLoader: batchSize must be ≥ 1, got " + batchSize);
        this.data = data;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropLast = dropLast;
        this.n = data.size();
        if (batchesPerEpoch() == 0) {
            throw new IllegalArgumentException("DataLoader: " + n + " examples make no batch of " + batchSize
                    + (dropLast ? " with dropLast" : ""));
        }
        this.rng = new Rng(seed);
        startEpoch(0);
    }

    /** Batches in one epoch: ⌊n/b⌋ with dropLast, else ⌈n/b⌉. */
    public int batchesPerEpoch() { return dropLast ? n / batchSize : (int) ((n + (long) batchSize - 1) / batchSize); }   // long: b may be near 2³¹

    /** The next batch, starting a new epoch when the current one is used up. */
    @Override public Batch next() {
        int end = (int) Math.min(n, (long) cursor + batchSize);
        if (end == cursor || (dropLast && end - cursor < batchSize)) {
            startEpoch(epoch + 1);
            end = Math.min(n, batchSize);
        }
        int[] idx = Arrays.copyOfRange(order, cursor, end);
        cursor = end;
        return data.batch(idx);
    }

    /** The epoch the last batch came from (0 before any). */
    public long epoch() { return epoch; }

    /** How many examples of the current epoch have been returned. */
    public int position() { return cursor; }

    /** The data set this loader batches. */
    public Dataset dataset() { return data; }

    @Override public int classes() { return data.classes(); }

    private void startEpoch(long e) {
        epoch = e;
        cursor = 0;
        epochStartRng = rng.state();
        order = shuffle ? rng.permutation(n) : identity(n);
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        return p;
    }

    // ------------------------------------------------------------------ checkpoints

    /**
     * The position, for a checkpoint: [tag, n, batchSize, shuffle, dropLast, epoch, position,
     * rng state at the epoch's start (4 longs)].
     */
    @Override public long[] state() {
        return new long[] {STATE_TAG, n, batchSize, shuffle ? 1 : 0, dropLast ? 1 : 0, epoch, cursor,
                epochStartRng[0], epochStartRng[1], epochStartRng[2], epochStartRng[3]};
    }

    /**
     * Continues from a saved {@link #state()}: the next batch is the one the saved loader would have
     * returned next.
     *
     * @throws IllegalArgumentException if the state is malformed or was saved by a loader with
     *                                  another dataset size, batch size, shuffle or dropLast
     */
    @Override public void restore(long[] state) {
        String where = "DataLoader.restore";
        if (state == null || state.length != STATE_LENGTH || state[0] != STATE_TAG) {
            throw new IllegalArgumentException(where + ": not a DataLoader state (need " + STATE_LENGTH + " longs starting with the tag)");
        }
        long[] mine = state();
        String[] names = {null, "dataset size", "batchSize", "shuffle", "dropLast"};
        for (int i = 1; i <= 4; i++) {
            if (state[i] != mine[i]) {
                throw new IllegalArgumentException(where + ": the state was saved with " + names[i] + " = " + state[i]
                        + ", this loader has " + mine[i]);
            }
        }
        long e = state[5], pos = state[6];
        if (e < 0 || pos < 0 || pos > n) {
            throw new IllegalArgumentException(where + ": epoch " + e + ", position " + pos + " is outside an epoch of " + n + " examples");
        }
        Rng r = Rng.fromState(Arrays.copyOfRange(state, 7, 11));
        rng = r;
        startEpoch(e);
        cursor = (int) pos;
    }
}
