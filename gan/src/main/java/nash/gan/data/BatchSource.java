package nash.gan.data;

/**
 * An endless stream of batches of real data for the trainer. Its position is part of a checkpoint:
 * after {@link #restore} with a saved {@link #state}, the source yields exactly the batches it
 * would have.
 */
public interface BatchSource {

    /** The next batch; a source never runs out. */
    Dataset.Batch next();

    /** The position (and any random state), as longs. */
    long[] state();

    /** Continues from a {@link #state} saved earlier: the batches that follow are the ones that followed it then. */
    void restore(long[] state);

    /** The number of classes of its labels, or 0 for unlabelled data. */
    default int classes() { return 0; }
}
