package nash.gan.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nash.core.Rng;
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
}
