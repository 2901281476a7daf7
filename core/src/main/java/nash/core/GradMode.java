package nash.core;

/**
 * A scope in which gradient recording is switched on or off for the current thread; closing it
 * restores what was there before. Obtain one from {@link Autograd#noGrad()} or
 * {@link Autograd#enableGrad()}:
 * <pre>{@code
 * try (var scope = Autograd.noGrad()) {
 *     Tensor y = model.forward(x);   // no graph recorded
 * }
 * }</pre>
 */
public final class GradMode implements AutoCloseable {

    static final class State { boolean enabled = true; }

    static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

    private final State state;
    private final boolean previous;
    private boolean closed;

    GradMode(boolean enabled) {
        this.state = STATE.get();
        this.previous = state.enabled;
        state.enabled = enabled;
    }

    /** Restores the previous mode; closing twice does nothing. */
    @Override public void close() {
        if (closed) return;
        closed = true;
        state.enabled = previous;
    }
}
