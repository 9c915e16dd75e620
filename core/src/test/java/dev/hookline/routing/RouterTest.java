package dev.hookline.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.event.TestEvents;
import dev.hookline.event.EventCatalog;
import dev.hookline.event.EventType;
import dev.hookline.event.MalformedPayloadException;
import dev.hookline.event.PayloadFailure;
import dev.hookline.event.WebhookEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RouterTest {

    record Thing(String id, Integer size) {
    }

    record Other(String name) {
    }

    static final EventType<Thing> THING_CREATED = EventType.of("thing.created", Thing.class);
    static final EventType<Thing> THING_DELETED = EventType.of("thing.deleted", Thing.class);
    static final EventType<Other> OTHER_HAPPENED = EventType.of("other.happened", Other.class).whenDataObject("other");
    static final EventCatalog CATALOG = EventCatalog.of(THING_CREATED, THING_DELETED, OTHER_HAPPENED);

    static WebhookEvent event(String type, String dataJson) {
        return TestEvents.of(type, dataJson);
    }

    @Test
    void typedHandlersReceiveTheBoundRecord() throws Exception {
        List<Thing> received = new ArrayList<>();
        Router router = Router.builder(CATALOG).on(THING_CREATED, received::add).build();

        int ran = router.dispatch(event("thing.created", "{\"id\":\"t1\",\"size\":3,\"extra\":true}"));

        assertThat(ran).isEqualTo(1);
        assertThat(received).containsExactly(new Thing("t1", 3));
    }

    @Test
    void prefixPatternsMatchEveryDeeperTypeButNotASiblingPrefix() throws Exception {
        List<String> seen = new ArrayList<>();
        Router router = Router.builder(CATALOG).on("thing.*", event -> seen.add(event.type())).build();

        router.dispatch(event("thing.created", "{}"));
        router.dispatch(event("thing.part.added", "{}"));
        router.dispatch(event("things.created", "{}"));
        router.dispatch(event("thing", "{}"));

        assertThat(seen).containsExactly("thing.created", "thing.part.added");
    }

    @Test
    void unknownTypesReachNameAndCatchAllHandlers() throws Exception {
        List<String> seen = new ArrayList<>();
        Router router = Router.builder(CATALOG).allowUndocumentedTypes()
                .on("brand.new", event -> seen.add("name"))
                .onAny(event -> seen.add("any"))
                .build();

        assertThat(router.dispatch(event("brand.new", "{\"x\":1}"))).isEqualTo(2);
        assertThat(seen).containsExactly("name", "any");
    }

    @Test
    void dataThatDoesNotBindFailsBeforeAnyHandlerRuns() {
        List<String> seen = new ArrayList<>();
        Router router = Router.builder(CATALOG)
                .on("thing.created", event -> seen.add("name first"))
                .on(THING_CREATED, thing -> seen.add("typed"))
                .build();

        assertThatThrownBy(() -> router.dispatch(event("thing.created", "{\"size\":\"not a number\"}")))
                .isInstanceOfSatisfying(MalformedPayloadException.class,
                        e -> assertThat(e.failure()).isEqualTo(PayloadFailure.INVALID_EVENT_DATA));
        assertThat(seen).isEmpty();
    }

    @Test
    void theFirstFailingHandlerStopsTheDispatch() {
        List<String> seen = new ArrayList<>();
        Router router = Router.builder(CATALOG)
                .on("thing.created", event -> {
                    throw new IllegalStateException("boom");
                })
                .onAny(event -> seen.add("any"))
                .build();

        assertThatThrownBy(() -> router.dispatch(event("thing.created", "{}"))).hasMessage("boom");
        assertThat(seen).isEmpty();
    }

    @Test
    void aKeyRestrictedToADataObjectSkipsDataOfAnotherShape() throws Exception {
        List<String> seen = new ArrayList<>();
        Router router = Router.builder(CATALOG)
                .on(OTHER_HAPPENED, other -> seen.add("typed:" + other.name()))
                .on("other.happened", event -> seen.add("name"))
                .build();

        router.dispatch(event("other.happened", "{\"object\":\"other\",\"name\":\"a\"}"));
        router.dispatch(event("other.happened", "{\"object\":\"search_other\",\"name\":\"b\"}"));

        assertThat(seen).containsExactly("typed:a", "name", "name");
    }

    @Test
    void aLoneHandlerOfARestrictedKeyStillSkipsDataOfAnotherShape() throws Exception {
        List<String> seen = new ArrayList<>();
        Router router = Router.builder(CATALOG).on(OTHER_HAPPENED, other -> seen.add(other.name())).build();

        assertThat(router.dispatch(event("other.happened", "{\"object\":\"search_other\",\"name\":\"b\"}")))
                .isZero();
        assertThat(router.dispatch(event("other.happened", "{\"object\":\"other\",\"name\":\"a\"}")))
                .isEqualTo(1);
        assertThat(seen).containsExactly("a");
    }

    @Test
    void aLoneTypedHandlerOfDataThatDoesNotBindFailsAsMalformed() {
        List<Thing> received = new ArrayList<>();
        Router router = Router.builder(CATALOG).on(THING_CREATED, received::add).build();

        assertThatThrownBy(() -> router.dispatch(event("thing.created", "{\"size\":\"not a number\"}")))
                .isInstanceOfSatisfying(MalformedPayloadException.class,
                        e -> assertThat(e.failure()).isEqualTo(PayloadFailure.INVALID_EVENT_DATA));
        assertThat(received).isEmpty();
    }

    @Test
    void aPatternRegisteredAfterANameStillReachesItsEvents() throws Exception {
        List<String> seen = new ArrayList<>();
        Router router = Router.builder(CATALOG)
                .on(THING_CREATED, thing -> seen.add("typed " + thing.id()))
                .on("thing.*", event -> seen.add("pattern " + event.type()))
                .build();

        assertThat(router.dispatch(event("thing.created", "{\"id\":\"t1\"}"))).isEqualTo(2);
        assertThat(router.dispatch(event("thing.deleted", "{\"id\":\"t2\"}"))).isEqualTo(1);
        assertThat(seen).containsExactly("typed t1", "pattern thing.created", "pattern thing.deleted");
    }

    @Test
    void dataIsBoundOnceForAllHandlersOfAType() throws Exception {
        List<Thing> received = new ArrayList<>();
        Router router = Router.builder(CATALOG).on(THING_CREATED, received::add).on(THING_CREATED, received::add).build();

        router.dispatch(event("thing.created", "{\"id\":\"t1\"}"));

        assertThat(received).hasSize(2);
        assertThat(received.get(0)).isSameAs(received.get(1));
    }

    @Test
    void invalidPatternsAreRefusedAtRegistration() {
        Router.Builder builder = Router.builder(CATALOG);
        for (String bad : List.of("", " ", "thing*", "*.created", "thing.*.x", "**", " thing.created")) {
            assertThatThrownBy(() -> builder.on(bad, event -> { }))
                    .as("pattern '%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    static class Listeners {
        final List<String> calls = new ArrayList<>();

        @WebhookListener("thing.created")
        void typed(Thing thing) {
            calls.add("typed:" + thing.id());
        }

        @WebhookListener({"thing.*", "other.happened"})
        void whole(WebhookEvent event, JsonNode data) {
            calls.add("whole:" + event.type() + ":" + data.size());
        }

        @WebhookListener("*")
        void nothing() {
            calls.add("nothing");
        }

        @WebhookListener(value = "brand.new", undocumented = true)
        void ownRecord(Other other) {
            calls.add("own:" + other.name());
        }
    }

    @Test
    void listenerMethodsReceiveWhatTheirParametersAskFor() throws Exception {
        Listeners listeners = new Listeners();
        Router router = Router.builder(CATALOG).listener(listeners).build();

        router.dispatch(event("thing.created", "{\"id\":\"t1\"}"));
        router.dispatch(event("brand.new", "{\"name\":\"n\"}"));

        assertThat(listeners.calls).containsExactly(
                "typed:t1", "whole:thing.created:1", "nothing",
                "own:n", "nothing");
    }

    static class WrongRecord {
        @WebhookListener("thing.created")
        void handle(Other other) {
        }
    }

    static class WrongPattern {
        @WebhookListener("*")
        void handle(Thing thing) {
        }
    }

    static class TwoRecords {
        @WebhookListener(value = "brand.new", undocumented = true)
        void handle(Thing thing, Other other) {
        }
    }

    static class Primitive {
        @WebhookListener("thing.created")
        void handle(int count) {
        }
    }

    static class ReturnsValue {
        @WebhookListener("thing.created")
        String handle(WebhookEvent event) {
            return "x";
        }
    }

    static class BadPattern {
        @WebhookListener("thing*")
        void handle(WebhookEvent event) {
        }
    }

    static class NoListeners {
        void handle(WebhookEvent event) {
        }
    }

    @Test
    void aMethodThatCannotBeServedFailsRegistrationNamingIt() {
        assertRegistrationFails(new WrongRecord(), "RouterTest$WrongRecord.handle(Other)",
                "thing.created whose data is Thing, not Other");
        assertRegistrationFails(new WrongPattern(), "RouterTest$WrongPattern.handle(Thing)",
                "other.happened whose data is Other, not Thing");
        assertRegistrationFails(new TwoRecords(), "RouterTest$TwoRecords.handle(Thing, Other)",
                "parameter 2 (other) would receive the data bound to dev.hookline.routing.RouterTest$Other, but another "
                        + "parameter already receives it bound to dev.hookline.routing.RouterTest$Thing");
        assertRegistrationFails(new Primitive(), "RouterTest$Primitive.handle(int)",
                "parameter 1 (count) of type int cannot receive an event");
        assertRegistrationFails(new ReturnsValue(), "RouterTest$ReturnsValue.handle(WebhookEvent)", "must return void");
        assertRegistrationFails(new BadPattern(), "RouterTest$BadPattern.handle(WebhookEvent)", "Invalid pattern 'thing*'");
        assertRegistrationFails(new NoListeners(), "RouterTest$NoListeners", "has no @WebhookListener method");
    }

    private static void assertRegistrationFails(Object listener, String methodName, String problem) {
        assertThatThrownBy(() -> Router.builder(CATALOG).listener(listener).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(methodName)
                .hasMessageContaining(problem);
    }

    static class Subclassed extends Listeners {
        @Override
        void typed(Thing thing) {
            calls.add("override:" + thing.id());
        }
    }

    @Test
    void anOverrideWithoutTheAnnotationIsStillAListenerAndIsTheOneCalled() throws Exception {
        Subclassed listener = new Subclassed();
        Router router = Router.builder(CATALOG).listener(listener).build();

        router.dispatch(event("thing.created", "{\"id\":\"t1\"}"));

        assertThat(listener.calls).containsExactly("override:t1", "whole:thing.created:1", "nothing");
    }

    @Test
    void integrationsSeeTheSameListenerMethodsTheRouterRegisters() throws Exception {
        List<String> names = ListenerMethods.find(Subclassed.class).stream()
                .map(ListenerMethods::describe).toList();

        assertThat(names).containsExactlyInAnyOrder(
                "dev.hookline.routing.RouterTest$Listeners.typed(Thing)",
                "dev.hookline.routing.RouterTest$Listeners.whole(WebhookEvent, JsonNode)",
                "dev.hookline.routing.RouterTest$Listeners.nothing()",
                "dev.hookline.routing.RouterTest$Listeners.ownRecord(Other)");
        assertThat(ListenerMethods.find(NoListeners.class)).isEmpty();
    }

    @Test
    void aThrowingListenerMethodFailsTheDispatchWithItsOwnException() {
        class Throwing {
            @WebhookListener("thing.created")
            void handle(WebhookEvent event) throws java.io.IOException {
                throw new java.io.IOException("disk full");
            }
        }
        Router router = Router.builder(CATALOG).listener(new Throwing()).build();

        assertThatThrownBy(() -> router.dispatch(event("thing.created", "{}")))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("disk full");
    }
}
