package nash.nn;

import java.util.ArrayList;
import java.util.List;
import nash.core.Tensor;

/** Modules applied in order; the children are named 0, 1, 2, … (state-dict keys {@code 0.weight}, …). */
public class Sequential extends Module {

    private final List<Module> layers = new ArrayList<>();

    /** The given modules in order, as children 0, 1, 2, …. */
    public Sequential(Module... layers) {
        for (Module m : layers) add(m);
    }

    /** Appends a module. Returns this. */
    public final Sequential add(Module m) {
        child(Integer.toString(layers.size()), m);
        layers.add(m);
        return this;
    }

    /** The i-th module. */
    public final Module get(int i) { return layers.get(i); }

    /** The number of modules. */
    public final int size() { return layers.size(); }

    @Override public Tensor forward(Tensor x) {
        for (Module m : layers) x = m.forward(x);
        return x;
    }
}
