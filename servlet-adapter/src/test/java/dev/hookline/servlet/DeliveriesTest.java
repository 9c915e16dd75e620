package dev.hookline.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The fixtures other tests size their bodies with must not depend on the wall clock. */
class DeliveriesTest {

    @Test
    void aBodyIsTheSameBytesWheneverItIsMade() throws Exception {
        byte[] first = Deliveries.body("evt_same");
        byte[] later = null;
        // calls a little apart in time, so that a wall-clock timestamp in the body would differ
        long until = System.nanoTime() + 5_000_000;
        while (System.nanoTime() < until) {
            later = Deliveries.body("evt_same");
        }

        assertThat(later).isEqualTo(first);
    }

    @Test
    void aBodyOfSizeIsExactlyThatSizeForEverySize() {
        int smallest = Deliveries.body("evt_sized").length;
        for (int size = smallest; size < smallest + 2_000; size++) {
            assertThat(Deliveries.bodyOfSize("evt_sized", size)).hasSize(size);
        }
    }
}
