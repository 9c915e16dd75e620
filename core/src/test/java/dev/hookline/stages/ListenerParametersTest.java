package dev.hookline.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.event.TestEvents;
import dev.hookline.event.WebhookEvent;
import dev.hookline.exa.ExaEvents;
import dev.hookline.encrata.EncrataEvents;
import dev.hookline.event.EventCatalog;
import dev.hookline.event.EventType;
import dev.hookline.routing.Router;
import dev.hookline.routing.WebhookListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Each listener parameter is prepared once from its declared type; names are checked against the catalogue. */
class ListenerParametersTest {

    record Row(String name, int count) {
        static final AtomicInteger MADE = new AtomicInteger();

        Row {
            MADE.incrementAndGet();
        }
    }

    static final class Generic {
        final List<Object> received = new ArrayList<>();

        @WebhookListener(value = "rows.loaded", undocumented = true)
        void rows(List<Row> rows) {
            received.add(rows);
        }

        @WebhookListener(value = "counts.loaded", undocumented = true)
        void counts(Map<String, Integer> counts) {
            received.add(counts);
        }
    }

    @Test
    void genericParametersBindToTheirElementTypes() throws Exception {
        Generic listener = new Generic();
        Router router = Router.builder(EventCatalog.empty()).listener(listener).build();

        router.dispatch(TestEvents.of("rows.loaded", "[{\"name\":\"a\",\"count\":1},{\"name\":\"b\",\"count\":2}]"));
        router.dispatch(TestEvents.of("counts.loaded", "{\"x\":3}"));

        assertThat(listener.received.get(0)).isEqualTo(List.of(new Row("a", 1), new Row("b", 2)));
        assertThat(listener.received.get(1)).isEqualTo(Map.of("x", 3));
    }

    static final class Twice {
        final List<Row> rows = new ArrayList<>();

        @WebhookListener(value = "row.made", undocumented = true)
        void first(Row row) {
            rows.add(row);
        }

        @WebhookListener(value = "row.made", undocumented = true)
        void second(Row row, WebhookEvent event) {
            rows.add(row);
            rows.add(event.dataAs(Row.class));
            rows.add(event.data(EventType.of("row.made", Row.class)));
        }
    }

    @Test
    void dataIsBoundOncePerRequestedTypeHoweverManyHandlersAskForIt() throws Exception {
        Twice listener = new Twice();
        Router router = Router.builder(EventCatalog.empty()).listener(listener).build();
        int before = Row.MADE.get();

        router.dispatch(TestEvents.of("row.made", "{\"name\":\"a\",\"count\":1}"));

        assertThat(Row.MADE.get() - before).isEqualTo(1);
        assertThat(listener.rows).hasSize(4).allSatisfy(row -> assertThat(row).isSameAs(listener.rows.get(0)));
    }

    static final class Typo {
        @WebhookListener("webset.item.crated")
        void onItem(WebhookEvent event) {
        }
    }

    static final class PrefixTypo {
        @WebhookListener("webest.*")
        void onWebset(WebhookEvent event) {
        }
    }

    static final class Deliberate {
        @WebhookListener(value = "webset.item.archived", undocumented = true)
        void onArchived(WebhookEvent event) {
        }
    }

    @Test
    void aTypoedNameFailsRegistrationWithTheClosestDocumentedNames() {
        assertThatThrownBy(() -> Router.builder(ExaEvents.catalog()).listener(new Typo()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dev.hookline.stages.ListenerParametersTest$Typo.onItem(WebhookEvent): 'webset.item.crated' "
                        + "matches no event type the provider documents; did you mean 'webset.item.created'? To listen "
                        + "to it anyway, set undocumented = true on @WebhookListener (or call allowUndocumentedTypes() "
                        + "on the builder).");
        assertThatThrownBy(() -> Router.builder(ExaEvents.catalog()).listener(new PrefixTypo()).build())
                .hasMessageContaining("'webest.*' matches no event type the provider documents; did you mean "
                        + "'webset.*'?");
        assertThatThrownBy(() -> Router.builder(EncrataEvents.catalog()).on("credit.low", event -> { }))
                .hasMessageContaining("did you mean 'credits.low'?");
    }

    @Test
    void anUndocumentedNameIsAcceptedWhenAskedForOrWhenTheCatalogueIsOpen() {
        assertThat(Router.builder(ExaEvents.catalog()).listener(new Deliberate()).build().size()).isEqualTo(1);
        assertThat(Router.builder(ExaEvents.catalog()).allowUndocumentedTypes().listener(new Typo()).build().size())
                .isEqualTo(1);
        assertThat(Router.builder(EventCatalog.empty()).listener(new Typo()).build().size()).isEqualTo(1);
        assertThat(EventCatalog.empty().isOpen()).isTrue();
        assertThat(ExaEvents.catalog().isOpen()).isFalse();
    }

    @Test
    void theCataloguesPublishTheirNamesAsConstants() {
        assertThat(ExaEvents.WEBSET_ITEM_CREATED.name()).isEqualTo(ExaEvents.Names.WEBSET_ITEM_CREATED)
                .isEqualTo("webset.item.created");
        assertThat(EncrataEvents.CREDITS_LOW.name()).isEqualTo(EncrataEvents.Names.CREDITS_LOW);
        assertThat(ExaEvents.catalog().types()).hasSize(19);
    }
}
