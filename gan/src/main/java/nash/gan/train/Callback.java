package nash.gan.train;

/** Called by {@link GanTrainer#train} after every generator step ({@link GanTrainer#step} alone calls none). */
@FunctionalInterface
public interface Callback {

    /** Receives the trainer and the statistics of the step just taken; an exception thrown here stops {@link GanTrainer#train} and propagates. */
    void onStep(GanTrainer trainer, StepStats stats) throws Exception;

    /** This callback every {@code n} steps (and at step 1). */
    default Callback every(long n) {
        if (n <= 0) throw new IllegalArgumentException("Callback.every: n must be positive, got " + n);
        return (t, s) -> {
            if (s.step() % n == 0 || s.step() == 1) onStep(t, s);
        };
    }
}
