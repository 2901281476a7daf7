package nash.gan.train;

/** What the trainer does when a loss or gradient is NaN or infinite. */
public enum NanPolicy {
    /** Throw {@link TrainingDivergedException} naming the step and the player; nothing is updated. */
    STOP,
    /** Leave that player's parameters and optimizer untouched for this step, count it, and go on. */
    SKIP
}
