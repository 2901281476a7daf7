package nash.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every public op: in the registry, gradient-checked to first and second order on every sample. */
class OpRegistryTest {

    static final Class<?>[] OP_CLASSES = {Elementwise.class, Reduce.class, Movement.class, MatMul.class, Conv.class, Losses.class, Shape.class, Norm.class};

    @Test
    void everyPublicOpIsInTheRegistry() {
        TreeSet<String> missing = new TreeSet<>();
        for (Class<?> c : OP_CLASSES) {
            for (Method m : c.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers()) || !Modifier.isStatic(m.getModifiers())) continue;
                if (m.getReturnType() != Tensor.class) continue;
                String key = c.getSimpleName() + "." + m.getName();
                if (!OpRegistry.OPS.containsKey(key)) missing.add(key);
            }
        }
        assertTrue(missing.isEmpty(), "ops missing from OpRegistry: " + missing);
    }

    @Test
    void everyOpHasAtLeastThreeSamples() {
        for (OpRegistry.OpInfo op : OpRegistry.all()) {
            assertTrue(op.samples().size() >= 3, op.key() + " has only " + op.samples().size() + " samples");
        }
    }

    @TestFactory
    Stream<DynamicTest> firstOrder() {
        return samples(true).map(e -> DynamicTest.dynamicTest(e.name, () -> GradCheck.check(e.sample.f(), e.sample.inputs())));
    }

    @TestFactory
    Stream<DynamicTest> secondOrder() {
        return samples(true).filter(e -> e.op.secondOrder())
                .map(e -> DynamicTest.dynamicTest(e.name, () -> GradCheck.checkSecondOrder(e.sample.f(), e.sample.inputs())));
    }

    @TestFactory
    Stream<DynamicTest> nonDifferentiableOpsStayOutOfTheGraph() {
        return samples(false).map(e -> DynamicTest.dynamicTest(e.name, () -> {
            Tensor[] in = leaves(e.sample.inputs());
            assertFalse(e.sample.f().apply(in).requiresGrad());
        }));
    }

    /** Backward twice on the same graph gives the same bits; a zero seed gives exactly zero gradients. */
    @TestFactory
    Stream<DynamicTest> backwardIsRepeatableAndLinear() {
        return samples(true).map(e -> DynamicTest.dynamicTest(e.name, () -> {
            Tensor[] in = leaves(e.sample.inputs());
            Tensor y = e.sample.f().apply(in);
            Tensor seed = Tensor.randn(new Rng(7), y.shape());
            List<Tensor> g1 = Autograd.grad(List.of(y), Arrays.asList(in), List.of(seed), false, true);
            List<Tensor> g2 = Autograd.grad(List.of(y), Arrays.asList(in), List.of(seed), false, true);
            List<Tensor> g0 = Autograd.grad(List.of(y), Arrays.asList(in), List.of(Tensor.zeros(y.shape())), false, true);
            for (int i = 0; i < in.length; i++) {
                assertArrayEquals(g1.get(i).toArray(), g2.get(i).toArray(), e.name + ": input " + i + " differs between runs");
                for (double v : g0.get(i).toArray()) assertEquals(0.0, v, 0.0, e.name + ": zero seed gave a non-zero gradient");
            }
        }));
    }

    private static Tensor[] leaves(Tensor[] inputs) {
        Tensor[] l = new Tensor[inputs.length];
        for (int i = 0; i < l.length; i++) l[i] = inputs[i].copy().requiresGrad(true);
        return l;
    }

    private record Entry(String name, OpRegistry.OpInfo op, OpRegistry.Sample sample) {}

    private static Stream<Entry> samples(boolean differentiable) {
        List<Entry> out = new ArrayList<>();
        for (OpRegistry.OpInfo op : OpRegistry.all()) {
            if (op.differentiable() != differentiable) continue;
            for (OpRegistry.Sample s : op.samples()) out.add(new Entry(op.key() + " / " + s.label(), op, s));
        }
        return out.stream();
    }
}
