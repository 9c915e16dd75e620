package dev.hookline.providers;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client of Encrata's webhooks API: register, list, change, pause and remove webhooks, ask for a test delivery,
 * and list a webhook's recent deliveries.
 *
 * <pre>{@code
 * EncrataClient encrata = EncrataClient.builder(System.getenv("ENCRATA_API_KEY")).build();
 * EncrataWebhook created = encrata.createWebhook("https://example.com/webhooks/encrata",
 *         List.of("lookup.completed"), "CRM enrichment");
 * store(created.secret());                       // the endpoint verifies with it
 * }</pre>
 *
 * <p>Encrata has no events API: events missed while a receiver was down can be seen in
 * {@link #listDeliveries(String)} (the 50 most recent), but not fetched again as they were signed.
 *
 * <p>Encrata does not document the envelope of its answers, so they are read leniently: a list is a JSON array, or
 * an object whose {@code data} (or {@code webhooks}, {@code deliveries}) is one; a single webhook is the object
 * itself, or its {@code data} (or {@code webhook}) object. Every call sends {@code Authorization: Bearer <key>},
 * has a connect and a request timeout, is retried as its {@link RetryPolicy} allows, and fails with a
 * {@link ProviderApiException}. The API key is the caller's to give: the client never reads the environment, and
 * never logs or shows the key.
 *
 * <p>Immutable and thread-safe.
 */
public final class EncrataClient {

    /** Encrata's production base URL. */
    public static final String DEFAULT_BASE_URL = "https://encrata.com";

    static final String PROVIDER = "encrata";
    static final String WEBHOOKS = "/api/webhooks";

    private final ApiTransport transport;

    private EncrataClient(ApiTransport transport) {
        this.transport = transport;
    }

    /**
     * A builder for a client using an API key.
     *
     * @param apiKey the Encrata API key
     * @return the builder
     * @throws IllegalArgumentException if the key is missing, blank, has surrounding whitespace or characters a
     *     header cannot carry (the message never repeats it)
     */
    public static Builder builder(String apiKey) {
        return new Builder(apiKey);
    }

    /**
     * Registers a webhook ({@code POST /api/webhooks}). The answer is the one that holds the signing secret.
     *
     * @param url where Encrata should post the events (Encrata requires https)
     * @param events the event types to receive (at least one)
     * @param description a note to keep with it, or null
     * @return the webhook, with its {@link EncrataWebhook#secret() secret}
     */
    public EncrataWebhook createWebhook(String url, Collection<String> events, String description) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url is required");
        }
        if (events == null || events.isEmpty()) {
            throw new IllegalArgumentException("A webhook needs at least one event type");
        }
        ObjectNode body = ApiTransport.JSON.createObjectNode().put("url", url);
        events.forEach(body.putArray("events")::add);
        if (description != null) {
            body.put("description", description);
        }
        return one(ApiRequest.post(WEBHOOKS, body), null);
    }

    /**
     * Every webhook of the workspace ({@code GET /api/webhooks}).
     *
     * @return the webhooks, secrets null
     */
    public List<EncrataWebhook> listWebhooks() {
        ApiRequest request = ApiRequest.get(WEBHOOKS);
        return list(request, transport.send(request), EncrataWebhook.class, "webhooks");
    }

    /**
     * One webhook ({@code GET /api/webhooks?id=<id>}).
     *
     * @param id the webhook id
     * @return the webhook
     * @throws ProviderApiException of kind {@link ProviderApiException.Kind#NOT_FOUND} if there is none
     */
    public EncrataWebhook getWebhook(String id) {
        requireId(id);
        return one(ApiRequest.get(WEBHOOKS).query("id", id), id);
    }

    /**
     * Changes a webhook ({@code PUT /api/webhooks}); only the update's non-null fields are sent.
     *
     * @param update the id and what to change; not empty
     * @return the webhook as changed
     */
    public EncrataWebhook updateWebhook(EncrataWebhookUpdate update) {
        Objects.requireNonNull(update, "update");
        if (update.isEmpty()) {
            throw new IllegalArgumentException("An update must change the URL, the events, the description or "
                    + "whether the webhook is active");
        }
        ObjectNode body = ApiTransport.JSON.createObjectNode().put("id", update.id());
        if (update.url() != null) {
            body.put("url", update.url());
        }
        if (update.events() != null) {
            update.events().forEach(body.putArray("events")::add);
        }
        if (update.description() != null) {
            body.put("description", update.description());
        }
        if (update.active() != null) {
            body.put("is_active", update.active());
        }
        return one(ApiRequest.put(WEBHOOKS, body), update.id());
    }

    /**
     * Pauses deliveries to a webhook ({@code is_active: false}); Encrata keeps it registered.
     *
     * @param id the webhook id
     * @return the webhook as changed
     */
    public EncrataWebhook pauseWebhook(String id) {
        return updateWebhook(EncrataWebhookUpdate.of(id).withActive(false));
    }

    /**
     * Resumes deliveries to a paused webhook ({@code is_active: true}).
     *
     * @param id the webhook id
     * @return the webhook as changed
     */
    public EncrataWebhook resumeWebhook(String id) {
        return updateWebhook(EncrataWebhookUpdate.of(id).withActive(true));
    }

    /**
     * Removes a webhook ({@code DELETE /api/webhooks?id=<id>}; Encrata does not document whether the id goes in the
     * query or a body, and the query is sent). Any 2xx answer is success, whatever its body.
     *
     * @param id the webhook id
     * @throws ProviderApiException of kind {@link ProviderApiException.Kind#NOT_FOUND} if there is none
     */
    public void deleteWebhook(String id) {
        requireId(id);
        transport.sendForStatus(ApiRequest.delete(WEBHOOKS).query("id", id));
    }

    /**
     * Asks Encrata to post a {@code test} event to a webhook ({@code POST /api/webhooks/test}).
     *
     * @param id the webhook id
     * @return Encrata's answer, with the signature it used when it names one
     */
    public EncrataTestDelivery sendTestEvent(String id) {
        requireId(id);
        return EncrataTestDelivery.of(transport.send(
                ApiRequest.post(WEBHOOKS + "/test", ApiTransport.JSON.createObjectNode().put("id", id))));
    }

    /**
     * The 50 most recent deliveries of a webhook ({@code GET /api/webhooks/deliveries?webhook_id=<id>}).
     *
     * @param webhookId the webhook id
     * @return the deliveries, in Encrata's order
     */
    public List<EncrataDelivery> listDeliveries(String webhookId) {
        requireId(webhookId);
        ApiRequest request = ApiRequest.get(WEBHOOKS + "/deliveries").query("webhook_id", webhookId);
        return list(request, transport.send(request), EncrataDelivery.class, "deliveries");
    }

    /** The base URL the client calls. */
    public URI baseUrl() {
        return transport.baseUrl();
    }

    /** Names the base URL; never the API key. */
    @Override
    public String toString() {
        return "EncrataClient[" + transport.baseUrl() + "]";
    }

    /** One webhook from an answer; from a list answer, the one with {@code id}. */
    private EncrataWebhook one(ApiRequest request, String id) {
        JsonNode answer = transport.send(request);
        if (answer.isObject() && !answer.has("id")) {
            for (String field : List.of("data", "webhook")) {
                JsonNode inner = answer.get(field);
                if (inner != null && (inner.isObject() || inner.isArray())) {
                    answer = inner;
                    break;
                }
            }
        }
        if (answer.isArray()) {
            for (EncrataWebhook webhook : list(request, answer, EncrataWebhook.class, "webhooks")) {
                if (id != null && id.equals(webhook.id())) {
                    return webhook;
                }
            }
            throw ProviderApiException.notFoundInAnswer(PROVIDER, request.method(), request.path(),
                    "the answer lists no webhook with that id");
        }
        return transport.bind(request, answer, EncrataWebhook.class);
    }

    private <T> List<T> list(ApiRequest request, JsonNode answer, Class<T> type, String name) {
        JsonNode items = answer;
        if (answer.isObject()) {
            items = answer.get("data");
            if (items == null || !items.isArray()) {
                items = answer.get(name);
            }
        }
        if (items == null || !items.isArray()) {
            throw ProviderApiException.unexpectedAnswer(PROVIDER, request.method(), request.path(),
                    "the answer is not a list of " + name);
        }
        List<T> result = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            result.add(transport.bind(request, item, type));
        }
        return result;
    }

    private static void requireId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("A webhook id is required");
        }
    }

    /** Configures an {@link EncrataClient}; not thread-safe. */
    public static final class Builder {
        private final ApiSettings settings;

        private Builder(String apiKey) {
            settings = new ApiSettings(PROVIDER, apiKey, URI.create(DEFAULT_BASE_URL));
        }

        /**
         * Where the API is. Default {@value EncrataClient#DEFAULT_BASE_URL}.
         *
         * @param url an absolute http(s) URL, such as a test server's
         * @return this builder
         */
        public Builder baseUrl(String url) {
            settings.baseUrl(url);
            return this;
        }

        /**
         * How long a connection may take to open. Default 10 seconds.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            settings.connectTimeout(timeout);
            return this;
        }

        /**
         * How long one send may wait for its answer. Default 30 seconds.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            settings.requestTimeout(timeout);
            return this;
        }

        /**
         * When failed calls are sent again. Default {@link RetryPolicy#DEFAULT}.
         *
         * @param policy the policy; {@link RetryPolicy#none()} to send each call once
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            settings.retry = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * How the client waits between retries. Default {@link Sleeper#threadSleep()}.
         *
         * @param sleeper the sleeper
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            settings.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * The clock reading {@code Retry-After} dates. Default the system UTC clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            settings.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The jitter source, for tests: numbers in [0, 1). */
        Builder jitter(DoubleSupplier jitter) {
            settings.jitter = jitter;
            return this;
        }

        /**
         * The client.
         *
         * @return a new client
         */
        public EncrataClient build() {
            return new EncrataClient(settings.transport("Authorization", "Bearer " + settings.apiKey));
        }
    }
}
