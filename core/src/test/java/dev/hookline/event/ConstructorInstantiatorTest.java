package dev.hookline.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Values made through a constructor with arguments come from a method handle prepared once: the same values, and
 * the same failures, as Jackson's own instantiator gives.
 */
class ConstructorInstantiatorTest {

    /** Jackson with Hookline's features but its own instantiators. */
    private static final JsonMapper JACKSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    record Item(String id, int count, long total, boolean done, double score, List<String> tags, Nested nested,
                Instant at) {
    }

    record Nested(String note, Map<String, Integer> counts) {
    }

    record Pair<A, B>(A first, B second) {
    }

    record Checked(String id) {
        Checked {
            if (id.isEmpty()) {
                throw new IllegalArgumentException("empty id");
            }
        }
    }

    /** A type made by a factory method, which is left to Jackson. */
    static final class Made {
        final String id;

        private Made(String id) {
            this.id = id;
        }

        @JsonCreator
        static Made of(@JsonProperty("id") String id) {
            return new Made(id + "!");
        }
    }

    @Test
    void recordsBindToTheValuesJacksonMakes() {
        String json = "{\"id\":\"i_1\",\"count\":3,\"total\":9000000000,\"done\":true,\"score\":0.5,"
                + "\"tags\":[\"a\",\"b\"],\"nested\":{\"note\":\"n\",\"counts\":{\"x\":1}},"
                + "\"at\":\"2026-12-03T10:15:30Z\",\"extra\":1}";

        Item item = EventJson.mapper().readValue(json, Item.class);

        assertThat(item).isEqualTo(new Item("i_1", 3, 9_000_000_000L, true, 0.5, List.of("a", "b"),
                new Nested("n", Map.of("x", 1)), Instant.parse("2026-12-03T10:15:30Z")));
        assertThat(item).isEqualTo(JACKSON.readValue(json, Item.class));
    }

    @Test
    void missingFieldsAreTheDefaultsJacksonGives() {
        Item item = EventJson.mapper().readValue("{\"id\":\"i_1\"}", Item.class);

        assertThat(item).isEqualTo(new Item("i_1", 0, 0, false, 0.0, null, null, null))
                .isEqualTo(JACKSON.readValue("{\"id\":\"i_1\"}", Item.class));
    }

    @Test
    void genericRecordsBindToo() {
        JsonMapper mapper = EventJson.mapper();
        Object pair = mapper.readValue("{\"first\":\"a\",\"second\":{\"note\":\"n\"}}",
                mapper.getTypeFactory().constructParametricType(Pair.class, String.class, Nested.class));

        assertThat(pair).isEqualTo(new Pair<>("a", new Nested("n", null)));
    }

    @Test
    void aConstructorsExceptionFailsTheBindingAsWithJackson() {
        for (JsonMapper mapper : List.of(EventJson.mapper(), JACKSON)) {
            assertThatThrownBy(() -> mapper.readValue("{\"id\":\"\"}", Checked.class))
                    .isInstanceOf(ValueInstantiationException.class)
                    .hasRootCauseInstanceOf(IllegalArgumentException.class)
                    .hasRootCauseMessage("empty id");
        }
    }

    @Test
    void constructorsWithArgumentsAreMadeThroughTheHandleAndFactoriesByJackson() {
        Map<Class<?>, ValueInstantiator> seen = new ConcurrentHashMap<>();
        // Jackson asks the instantiator modifiers of the last module added first: one added before Hookline's
        // settings sees the instantiator they leave
        JsonMapper mapper = EventJson.configure(JsonMapper.builder()
                .addModule(new SimpleModule("spy") {
                    @Override
                    public void setupModule(SetupContext context) {
                        super.setupModule(context);
                        context.addValueInstantiators(new ValueInstantiators.Base() {
                            @Override
                            public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
                                    BeanDescription.Supplier beanDescRef, ValueInstantiator instantiator) {
                                seen.put(instantiator.getValueClass(), instantiator);
                                return instantiator;
                            }
                        });
                    }
                }))
                .build();

        assertThat(mapper.readValue("{\"note\":\"n\"}", Nested.class)).isEqualTo(new Nested("n", null));
        assertThat(mapper.readValue("{\"id\":\"m\"}", Made.class).id).isEqualTo("m!");

        assertThat(seen.get(Nested.class)).isInstanceOf(ConstructorInstantiator.class);
        assertThat(seen.get(Made.class)).isNotInstanceOf(ConstructorInstantiator.class);
    }
}
