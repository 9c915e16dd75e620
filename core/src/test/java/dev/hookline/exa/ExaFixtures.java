package dev.hookline.exa;

import dev.hookline.Payloads;
import dev.hookline.Providers;
import dev.hookline.delivery.Headers;
import dev.hookline.event.EventJson;
import dev.hookline.event.TestEvents;
import dev.hookline.event.WebhookEvent;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Loads the Exa payload fixtures and parses them as a verified delivery would be. */
final class ExaFixtures {


    // Ids that recur across fixtures.
    static final String WEBSET_COMPANIES = "webset_01k9x0skgz2xv7c5hbn4tgy6we";
    static final String WEBSET_PEOPLE = "webset_01k9yanth1h3wfn2m8rdk4xbe9";
    static final String WEBSET_SCRATCH = "webset_01ka1fvsttvd6ytqc3ph5gk7sm";
    static final String SEARCH_COMPANIES = "wsearch_01k9x0skhpk7ys2fwe9d6ncqh3";
    static final String SEARCH_PEOPLE = "wsearch_01k9yantmmgm8vx4bq7ryh3ne6";
    static final String ENRICHMENT_FUNDING = "wenrich_01k9x0skje6p4hv8tz2fsk9wqc";
    static final String ENRICHMENT_EMAIL = "wenrich_01k9x0skje3cn7jq5xw1bdg8re";
    static final String ENRICHMENT_MODEL = "wenrich_01k9x0skje5ve2k9hyd4pqt6sn";
    static final String IMPORT_CUSTOMERS = "import_01k9x09px6dq8nzv2tc7ksb5yf";
    static final String MONITOR = "monitor_01k9x26ra9e4kqd9bvh6cz3fta";
    static final String RUN_FIRST = "mrun_01ka8d7xegyq3ctb7ns5hpd4kv";
    static final String RUN_SECOND = "mrun_01kag4e25q5tdn2gzq9x6yr3bm";
    static final String ITEM_PERSON = "witem_01k9yarprw7hcw2ydn5bgk3vxf";
    static final String ITEM_COMPANY = "witem_01k9x0zmcb3z8xk4cf7tn2hyeq";

    private ExaFixtures() {
    }

    /** The raw bytes of {@code payloads/exa/<type>.json}. */
    static byte[] bytes(String type) {
        return Payloads.bytes("exa", type);
    }

    /** The fixture for {@code type}, parsed with Exa's envelope. */
    static WebhookEvent event(String type) {
        return parse(bytes(type));
    }

    /** A body parsed with Exa's envelope and the default mapper. */
    static WebhookEvent parse(byte[] body) {
        return TestEvents.read(Providers.exa(), Headers.empty(), body);
    }

    /** The fixture as a mutable tree, for tests that vary it. */
    static ObjectNode tree(String type) {
        return (ObjectNode) EventJson.mapper().readTree(bytes(type));
    }

    /** A (varied) tree parsed as a delivery body. */
    static WebhookEvent parse(JsonNode tree) {
        return parse(EventJson.mapper().writeValueAsBytes(tree));
    }

    /** The event types that have a fixture file, from the file names. */
    static List<String> fixtureTypes() {
        return Payloads.types("exa");
    }
}
