package nash.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A JMH secondary metric: floating-point operations done, which JMH reports per second next to the
 * primary score ({@code gemmVector:flops}, in FLOP/s; divide by 1e9 for GFLOP/s).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Flops {

    /** Flops counted in the current iteration. */
    public double flops;

    @Setup(Level.Iteration)
    public void reset() { flops = 0; }
}
