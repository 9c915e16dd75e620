package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Headers made from what applications hold: a map of names to lists of values. */
class HeadersTest {

    @Test
    void aMultiValuedMapKeepsEveryValueInOrderUnderCaseInsensitiveNames() {
        Map<String, List<String>> held = new LinkedHashMap<>();
        held.put("Webhook-Id", List.of("msg_1"));
        held.put("X-Repeated", List.of("one", "two"));
        held.put("x-repeated", List.of("three"));
        held.put("X-Empty", null);

        Headers headers = Headers.copyOf(held);

        assertThat(headers.first("webhook-id")).isEqualTo("msg_1");
        assertThat(headers.all("X-REPEATED")).containsExactly("one", "two", "three");
        assertThat(headers.contains("x-empty")).isFalse();
        assertThat(headers.names()).containsExactly("webhook-id", "x-repeated");
    }

    @Test
    void theCopyIsImmuneToLaterChangesOfTheMap() {
        Map<String, List<String>> held = new LinkedHashMap<>();
        List<String> values = new java.util.ArrayList<>(Arrays.asList("a"));
        held.put("X-One", values);

        Headers headers = Headers.copyOf(held);
        values.add("b");
        held.put("X-Two", List.of("c"));

        assertThat(headers.all("x-one")).containsExactly("a");
        assertThat(headers.contains("x-two")).isFalse();
    }
}
