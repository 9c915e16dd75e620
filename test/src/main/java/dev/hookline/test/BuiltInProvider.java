package dev.hookline.test;

import dev.hookline.Provider;
import dev.hookline.Providers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the kit knows of each built-in provider: how its envelope wraps an event, where its event id comes from,
 * and what a fresh id looks like. Anything else is a provider the kit signs raw bodies for, and no more.
 */
enum BuiltInProvider {

    /** {@code {id, object: "event", type, data, createdAt}}. */
    EXA(Providers.exa(), null) {
        @Override
        ObjectNode envelope(String type, JsonNode data, String id, Instant time) {
            ObjectNode envelope = object().put("id", id).put("object", "event").put("type", type);
            envelope.set("data", data);
            return envelope.put("createdAt", iso(time));
        }

        @Override
        void refresh(ObjectNode sample, String id, Instant time) {
            sample.put("id", id).put("createdAt", iso(time));
        }

        @Override
        String newId() {
            return "event_" + random();
        }
    },

    /** {@code {event, data, created_at}}; the event id is the SHA-256 of the body, so none can be chosen. */
    ENCRATA(Providers.encrata(), null) {
        @Override
        ObjectNode envelope(String type, JsonNode data, String id, Instant time) {
            ObjectNode envelope = object().put("event", type);
            envelope.set("data", data);
            return envelope.put("created_at", iso(time));
        }

        @Override
        void refresh(ObjectNode sample, String id, Instant time) {
            sample.put("created_at", iso(time));
        }

        @Override
        String newId() {
            return null;
        }
    },

    /** {@code {type, timestamp, data}}, the id in {@code webhook-id}. */
    STANDARD_WEBHOOKS(Providers.standardWebhooks(), "webhook-id") {
        @Override
        ObjectNode envelope(String type, JsonNode data, String id, Instant time) {
            return typeTimestampData(type, data, time);
        }

        @Override
        String newId() {
            return "msg_" + random();
        }
    },

    /** {@code {type, timestamp, data}}, the id in {@code svix-id}. */
    SVIX(Providers.svix(), "svix-id") {
        @Override
        ObjectNode envelope(String type, JsonNode data, String id, Instant time) {
            return typeTimestampData(type, data, time);
        }

        @Override
        String newId() {
            return "msg_" + random();
        }
    },

    /** {@code {id, object: "event", type, created, data: {object}}}, {@code created} in unix seconds. */
    STRIPE(Providers.stripe(), null) {
        @Override
        ObjectNode envelope(String type, JsonNode data, String id, Instant time) {
            ObjectNode envelope = object().put("id", id).put("object", "event").put("type", type)
                    .put("created", time.getEpochSecond());
            envelope.set("data", data);
            return envelope;
        }

        @Override
        String newId() {
            return "evt_" + random();
        }
    },

    /** The data is the whole body; the type and id are the {@code X-GitHub-Event} and {@code X-GitHub-Delivery} headers. */
    GITHUB(Providers.github(), "X-GitHub-Delivery") {
        @Override
        ObjectNode envelope(String type, JsonNode data, String id, Instant time) {
            throw new UnsupportedOperationException("GitHub bodies are built by the builder");
        }

        @Override
        String newId() {
            return UUID.randomUUID().toString();
        }
    };

    /** The header naming the GitHub event; the body's {@code action} qualifies it. */
    static final String GITHUB_EVENT_HEADER = "X-GitHub-Event";

    private final Provider provider;
    private final String idHeader;

    BuiltInProvider(Provider provider, String idHeader) {
        this.provider = provider;
        this.idHeader = idHeader;
    }

    /**
     * The built-in provider this is, if any.
     *
     * @param provider any provider
     * @return its constant, or null for a provider of the application's own
     */
    static BuiltInProvider of(Provider provider) {
        for (BuiltInProvider builtIn : values()) {
            if (builtIn.provider.equals(provider)) {
                return builtIn;
            }
        }
        return null;
    }

    /** The provider. */
    Provider provider() {
        return provider;
    }

    /** The header the event id is read from, or null when the body holds it (or is it). */
    String idHeader() {
        return idHeader;
    }

    /** A short lower-case name for messages. */
    String label() {
        return provider.name().toLowerCase(Locale.ROOT);
    }

    /** The envelope of an event. */
    abstract ObjectNode envelope(String type, JsonNode data, String id, Instant time);

    /** Gives a sample envelope a new id and time, in place, keeping the order of its fields. */
    void refresh(ObjectNode sample, String id, Instant time) {
        throw new UnsupportedOperationException(label() + " has no sample payloads");
    }

    /** A fresh event id in the provider's form; null where the id is derived from the body. */
    abstract String newId();

    static ObjectNode typeTimestampData(String type, JsonNode data, Instant time) {
        ObjectNode envelope = object().put("type", type).put("timestamp", iso(time));
        envelope.set("data", data);
        return envelope;
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** ISO-8601 in UTC to the millisecond, as providers write event times. */
    static String iso(Instant time) {
        return time.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    static String random() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
