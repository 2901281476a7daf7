package nash.nn.optim;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import nash.core.Tensor;
import nash.nn.Golden;
import nash.nn.Golden.Case;
import nash.nn.Golden.Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Three steps of each optimizer against torch.optim (float64), from the same parameters and the
 * same sequence of gradients, comparing the parameters after every step. A case gives only the
 * hyperparameters it sets, so Nash's defaults are checked against torch's too. Fixture: {@code
 * golden/optim.safetensors}; tolerance {@link Golden#TOL}.
 */
class OptimizerGoldenTest {

    static final Map<String, Double> WORST = new ConcurrentHashMap<>();

    @AfterAll static void report() { Golden.report("OptimizerGoldenTest", WORST); }

    @TestFactory Stream<DynamicTest> optimizers() {
        return Golden.load("optim").stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    static void check(Case c) {
        List<Tensor> params = new ArrayList<>();
        for (int i = 0; c.has("init." + i); i++) params.add(c.t("init." + i).copy().requiresGrad(true));
        Optimizer opt = build(c.config(), params);
        c.config().assertAllRead(c.name());
        String group = c.name().substring(c.name().indexOf('/') + 1);
        for (int t = 1; c.has("step" + t + ".0"); t++) {
            for (int i = 0; i < params.size(); i++) {
                String g = "grad" + t + "." + i;
                params.get(i).setGrad(c.has(g) ? c.t(g).copy() : null);      // no gradient: the parameter is skipped
            }
            opt.step();
            for (int i = 0; i < params.size(); i++) {
                Golden.assertClose(c.name() + " step " + t + " param " + i, c.t("step" + t + "." + i), params.get(i), group, WORST);
            }
        }
    }

    /** The Nash optimizer a torch.optim configuration describes. */
    static Optimizer build(Config c, List<Tensor> params) {
        double lr = c.d("lr");
        switch (c.str("opt")) {
            case "SGD": {
                Sgd o = new Sgd(params, lr);
                if (c.has("momentum")) o.momentum(c.d("momentum"));
                if (c.has("dampening")) o.dampening(c.d("dampening"));
                if (c.has("nesterov")) o.nesterov(c.bool("nesterov"));
                if (c.has("weight_decay")) o.weightDecay(c.d("weight_decay"));
                return o;
            }
            case "Adam": case "AdamW": {
                Adam o = c.str("opt").equals("Adam") ? new Adam(params, lr) : new AdamW(params, lr);
                if (c.has("betas")) o.betas(c.doubles("betas")[0], c.doubles("betas")[1]);
                if (c.has("eps")) o.eps(c.d("eps"));
                if (c.has("weight_decay")) o.weightDecay(c.d("weight_decay"));
                return o;
            }
            case "RMSprop": {
                RmsProp o = new RmsProp(params, lr);
                if (c.has("alpha")) o.alpha(c.d("alpha"));
                if (c.has("eps")) o.eps(c.d("eps"));
                if (c.has("momentum")) o.momentum(c.d("momentum"));
                if (c.has("centered")) o.centered(c.bool("centered"));
                if (c.has("weight_decay")) o.weightDecay(c.d("weight_decay"));
                return o;
            }
            default: return fail("no such optimizer: " + c);
        }
    }
}
