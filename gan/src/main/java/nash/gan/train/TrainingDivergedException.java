package nash.gan.train;

/** A loss or gradient became NaN or infinite: the message names the step and the player. */
public class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The message names the step and the player. */
    public TrainingDivergedException(String message) { super(message); }
}
