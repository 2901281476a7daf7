package nash.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ZeroedArraysTest {

    private static void assertZeros(double[] a, int n) {
        assertEquals(n, a.length);
        for (int i = 0; i < n; i++) {
            if (Double.doubleToRawLongBits(a[i]) != 0) throw new AssertionError("element " + i + " of a new array is " + a[i]);
        }
    }

    @Test
    void arraysAreNewAndZeroWhetherPreparedOrNot() {
        int n = ZeroedArrays.MIN_LENGTH + 4321;                       // a length no op asks for
        Set<double[]> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < 3; i++) {                            // misses raise the shelf's target to 3
                double[] a = ZeroedArrays.get(n);
                assertZeros(a, n);
                assertTrue(seen.add(a), "an array was handed out twice");
                java.util.Arrays.fill(a, round + 1.5);                // dirty it, as an op would
            }
            int guard = 0;
            while (ZeroedArrays.held(n) < 3 && guard++ < 1000) ZeroedArrays.prepareOne();
            assertEquals(3, ZeroedArrays.held(n), "the shelf fills up to its target");
        }
        assertTrue(ZeroedArrays.readyBytes() <= ZeroedArrays.budgetBytes());
    }

    @Test
    void shortArraysAndTheBudgetAreRespected() {
        assertZeros(ZeroedArrays.get(0), 0);
        assertZeros(ZeroedArrays.get(ZeroedArrays.MIN_LENGTH - 1), ZeroedArrays.MIN_LENGTH - 1);
        assertEquals(0, ZeroedArrays.held(ZeroedArrays.MIN_LENGTH - 1));
        int big = (int) Math.min(Integer.MAX_VALUE - 8, ZeroedArrays.budgetBytes() / 8 + 1);   // one array over the budget
        if (big >= ZeroedArrays.MIN_LENGTH && (long) big * 8 < Runtime.getRuntime().maxMemory() / 4) {
            ZeroedArrays.get(big);
            for (int i = 0; i < 100; i++) ZeroedArrays.prepareOne();
            assertEquals(0, ZeroedArrays.held(big), "nothing is prepared beyond the budget");
        }
        assertTrue(ZeroedArrays.readyBytes() <= ZeroedArrays.budgetBytes());
    }

    @Test
    void aLengthNoLongerAskedForIsGivenBack() throws InterruptedException {
        int n = ZeroedArrays.MIN_LENGTH + 777;
        ZeroedArrays.get(n);
        ZeroedArrays.get(n);
        int guard = 0;
        while (ZeroedArrays.held(n) < 2 && guard++ < 1000) ZeroedArrays.prepareOne();
        assertEquals(2, ZeroedArrays.held(n));
        Thread.sleep(ZeroedArrays.STALE_NANOS / 1_000_000 + 100);
        ZeroedArrays.prepareOne();
        assertEquals(0, ZeroedArrays.held(n), "a stale shelf is emptied");
        for (int i = 0; i < 100; i++) ZeroedArrays.prepareOne();
        assertEquals(0, ZeroedArrays.held(n), "and not filled again until asked for");
    }
}
