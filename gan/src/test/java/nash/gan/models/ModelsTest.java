package nash.gan.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nash.core.Rng;
import nash.core.Tensor;
import nash.gan.data.Toy2d;
import nash.gan.data.Toy2dSource;
import nash.gan.layers.PacGan;
import nash.nn.LeakyReLU;
import nash.nn.Linear;
import nash.nn.Sequential;
import org.junit.jupiter.api.Test;

class ModelsTest {

    @Test void sliceSharesTheLayersInRange() {
        Sequential d = Models.toyDiscriminator(2, new Rng(1));   // 5 layers
        Sequential s = Models.slice(d, 1, 3);
        assertEquals(2, s.size());
        assertSame(d.get(1), s.get(0));
        assertSame(d.get(2), s.get(1));
        assertEquals(5, Models.slice(d, 0, 5).size());
        assertEquals(0, Models.slice(d, 5, 5).size());
    }

    @Test void sliceOutsideTheLayersIsRejected() {
        Sequential d = Models.toyDiscriminator(2, new Rng(1));
        var e = assertThrows(IllegalArgumentException.class, () -> Models.slice(d, 0, 10));   // was IndexOutOfBoundsException: Index 5
        assertTrue(e.getMessage().contains("Models.slice: [0, 10) is not a range within the 5 layers"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Models.slice(d, -1, 2));
        assertTrue(e.getMessage().contains("[-1, 2) is not a range"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Models.slice(d, 3, 2));
        assertTrue(e.getMessage().contains("[3, 2) is not a range"), e.getMessage());
    }

    @Test
    void conditionalPlayersRefuseLabelsOfTheWrongShape() {
        // labels [1] scored every sample with one class, [N, 1] gave a [N, N, F] result: broadcast, not refused
        Rng rng = new Rng(1);
        ProjectionDiscriminator d = new ProjectionDiscriminator(new Sequential(new Linear(3, 4, rng), new LeakyReLU(0.2)), 4, 5, rng);
        Tensor x = Tensor.zeros(6, 3);
        assertEquals(java.util.List.of(6, 1), java.util.Arrays.stream(d.forward(x, Tensor.zeros(6)).shape()).boxed().toList());
        for (Tensor bad : new Tensor[] {Tensor.zeros(1), Tensor.zeros(6, 1), Tensor.zeros(5)}) {
            var e = assertThrows(IllegalArgumentException.class, () -> d.forward(x, bad));
            assertTrue(e.getMessage().startsWith("ProjectionDiscriminator: needs labels [N] for input [N, …]"), e.getMessage());
        }
        ConditionalGenerator g = new ConditionalGenerator(new Sequential(new Linear(4 + 2, 2, rng)), 5, 2, rng);
        var e = assertThrows(IllegalArgumentException.class, () -> g.forward(Tensor.zeros(6, 4), Tensor.zeros(6, 1)));
        assertTrue(e.getMessage().startsWith("ConditionalGenerator: needs labels [N]"), e.getMessage());
    }

    @Test
    void sourcesAndPackingNameTheirBadArguments() {
        // were: a NullPointerException at the first batch or restore, and pack(x[2], 1) accepted where pack(x[2], 2) was not
        var e = assertThrows(IllegalArgumentException.class, () -> new Toy2dSource(null, 4, 1));
        assertTrue(e.getMessage().contains("mixture must not be null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Toy2dSource(Toy2d.ring(), 4, 1).restore(null));
        assertTrue(e.getMessage().contains("state must not be null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PacGan.pack(Tensor.zeros(2), 1));
        assertTrue(e.getMessage().contains("PacGan.pack: needs [N, …], got [2]"), e.getMessage());
    }
}
