package dev.hookline.providers;

import dev.hookline.WebhookEndpoint;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client of the Exa Websets API's webhooks and events: register, list, change and remove webhooks, inspect
 * their delivery attempts, list the events Exa emitted, and {@linkplain #backfill(WebhookEndpoint, Instant)
 * backfill} the events a receiver missed.
 *
 * <pre>{@code
 * ExaClient exa = ExaClient.builder(System.getenv("EXA_API_KEY")).build();
 * ExaWebhook created = exa.createWebhook("https://example.com/webhooks/exa", List.of("webset.item.created"), Map.of());
 * store(created.secret());                       // shown this once: the endpoint verifies with it
 * BackfillResult result = exa.backfill(endpoint, Instant.now().minus(Duration.ofHours(2)));
 * }</pre>
 *
 * <p>Every call sends {@code x-api-key}, has a connect and a request timeout, is retried after a 429, a 5xx or a
 * lost connection as its {@link RetryPolicy} allows, and fails with a {@link ProviderApiException}. The API key is
 * the caller's to give: the client never reads the environment, and never logs or shows the key.
 *
 * <p>Immutable and thread-safe.
 */
public final class ExaClient {

    /** Exa's production base URL. */
    public static final String DEFAULT_BASE_URL = "https://api.exa.ai/websets";

    /** The most events a backfill holds in memory by default; see {@link Builder#maxEventsInMemory(int)}. */
    public static final int DEFAULT_MAX_EVENTS_IN_MEMORY = 10_000;

    static final String WEBHOOKS = "/v0/webhooks";
    static final String EVENTS = "/v0/events";

    private final ApiTransport transport;
    private final int maxEventsInMemory;

    private ExaClient(ApiTransport transport, int maxEventsInMemory) {
        this.transport = transport;
        this.maxEventsInMemory = maxEventsInMemory;
    }

    /**
     * A builder for a client using an API key.
     *
     * @param apiKey the Exa API key, as the dashboard issued it
     * @return the builder
     * @throws IllegalArgumentException if the key is missing, blank, has surrounding whitespace or characters a
     *     header cannot carry (the message never repeats it)
     */
    public static Builder builder(String apiKey) {
        return new Builder(apiKey);
    }

    /**
     * Registers a webhook ({@code POST /v0/webhooks}). The answer is the only one that holds the webhook's signing
     * secret.
     *
     * @param url where Exa should post the events
     * @param events the event types to receive (at least one)
     * @param metadata key-value pairs to keep with it; null or empty for none
     * @return the webhook, with its {@link ExaWebhook#secret() secret}
     */
    public ExaWebhook createWebhook(String url, Collection<String> events, Map<String, String> metadata) {
        requireText(url, "url");
        if (events == null || events.isEmpty()) {
            throw new IllegalArgumentException("A webhook needs at least one event type");
        }
        ObjectNode body = ApiTransport.JSON.createObjectNode();
        events.forEach(body.putArray("events")::add);
        body.put("url", url);
        if (metadata != null && !metadata.isEmpty()) {
            metadata.forEach(body.putObject("metadata")::put);
        }
        return webhook(ApiRequest.post(WEBHOOKS, body));
    }

    /**
     * One webhook ({@code GET /v0/webhooks/{id}}).
     *
     * @param id the webhook id
     * @return the webhook, its secret null
     * @throws ProviderApiException of kind {@link ProviderApiException.Kind#NOT_FOUND} if there is none
     */
    public ExaWebhook getWebhook(String id) {
        return webhook(ApiRequest.get(webhookPath(id)));
    }

    /**
     * One page of webhooks ({@code GET /v0/webhooks}).
     *
     * @param cursor the page's cursor, or null for the first
     * @param limit webhooks per page, 1 to 200, or null for Exa's default
     * @return the page
     */
    public Page<ExaWebhook> listWebhooks(String cursor, Integer limit) {
        ExaAttemptQuery.checkLimit(limit);
        return page(ApiRequest.get(WEBHOOKS).query("cursor", cursor).query("limit", limit), ExaWebhook.class);
    }

    /**
     * Every webhook, fetched a page of 200 at a time as the stream is consumed.
     *
     * @return a lazy stream; API failures are thrown from its terminal operation
     */
    public Stream<ExaWebhook> allWebhooks() {
        return PageWalk.stream(cursor -> listWebhooks(cursor, ExaEventQuery.MAX_LIMIT), null, ExaEvent.PROVIDER,
                WEBHOOKS);
    }

    /**
     * Changes a webhook ({@code PATCH /v0/webhooks/{id}}); only the update's non-null fields are sent.
     *
     * @param id the webhook id
     * @param update what to change; not empty
     * @return the webhook as changed
     */
    public ExaWebhook updateWebhook(String id, ExaWebhookUpdate update) {
        Objects.requireNonNull(update, "update");
        if (update.isEmpty()) {
            throw new IllegalArgumentException("An update must change the events, the URL or the metadata");
        }
        ObjectNode body = ApiTransport.JSON.createObjectNode();
        if (update.events() != null) {
            update.events().forEach(body.putArray("events")::add);
        }
        if (update.url() != null) {
            body.put("url", update.url());
        }
        if (update.metadata() != null) {
            update.metadata().forEach(body.putObject("metadata")::put);
        }
        return webhook(ApiRequest.patch(webhookPath(id), body));
    }

    /**
     * Removes a webhook ({@code DELETE /v0/webhooks/{id}}): Exa stops delivering to it.
     *
     * @param id the webhook id
     * @return the webhook as it was
     * @throws ProviderApiException of kind {@link ProviderApiException.Kind#NOT_FOUND} if there is none
     */
    public ExaWebhook deleteWebhook(String id) {
        return webhook(ApiRequest.delete(webhookPath(id)));
    }

    /**
     * One page of a webhook's delivery attempts, newest first ({@code GET /v0/webhooks/{id}/attempts}).
     *
     * @param webhookId the webhook id
     * @param query filters and paging
     * @return the page
     */
    public Page<ExaWebhookAttempt> listAttempts(String webhookId, ExaAttemptQuery query) {
        Objects.requireNonNull(query, "query");
        ApiRequest request = ApiRequest.get(webhookPath(webhookId) + "/attempts")
                .query("cursor", query.cursor())
                .query("limit", query.limit())
                .query("eventType", query.eventType())
                .query("successful", query.successful());
        return page(request, ExaWebhookAttempt.class);
    }

    /**
     * Every attempt the query selects, newest first, fetched a page at a time as the stream is consumed (200 per
     * page unless the query says otherwise), from the query's cursor on.
     *
     * @param webhookId the webhook id
     * @param query filters
     * @return a lazy stream; API failures are thrown from its terminal operation
     */
    public Stream<ExaWebhookAttempt> allAttempts(String webhookId, ExaAttemptQuery query) {
        ExaAttemptQuery paged = query.limit() == null ? query.limit(ExaEventQuery.MAX_LIMIT) : query;
        return PageWalk.stream(cursor -> listAttempts(webhookId, paged.cursor(cursor)), query.cursor(),
                ExaEvent.PROVIDER, webhookPath(webhookId) + "/attempts");
    }

    /**
     * One page of events, newest first ({@code GET /v0/events}).
     *
     * @param query filters and paging
     * @return the page
     */
    public Page<ExaEvent> listEvents(ExaEventQuery query) {
        Objects.requireNonNull(query, "query");
        ApiRequest request = ApiRequest.get(EVENTS)
                .query("cursor", query.cursor())
                .query("limit", query.limit())
                .queryEach("types", query.types())
                .query("createdAfter", query.createdAfter())
                .query("createdBefore", query.createdBefore());
        return page(request, ExaEvent.class);
    }

    /**
     * Every event the query selects, newest first as Exa lists them, fetched a page at a time as the stream is
     * consumed (200 per page unless the query says otherwise), from the query's cursor on.
     *
     * @param query filters
     * @return a lazy stream; API failures are thrown from its terminal operation
     */
    public Stream<ExaEvent> allEvents(ExaEventQuery query) {
        ExaEventQuery paged = query.limit() == null ? query.limit(ExaEventQuery.MAX_LIMIT) : query;
        return PageWalk.stream(cursor -> listEvents(paged.cursor(cursor)), query.cursor(), ExaEvent.PROVIDER,
                EVENTS);
    }

    /**
     * One event ({@code GET /v0/events/{id}}).
     *
     * @param id the event id
     * @return the event
     * @throws ProviderApiException of kind {@link ProviderApiException.Kind#NOT_FOUND} if there is none
     */
    public ExaEvent getEvent(String id) {
        ApiRequest request = ApiRequest.get(EVENTS + "/" + ApiRequest.segment(id));
        return transport.bind(request, transport.send(request), ExaEvent.class);
    }

    /**
     * The events after a position and up to {@code until}, <em>oldest first</em>: by {@code createdAt}, then by
     * id. Exa lists events newest first, so each time window is collected whole and sorted; a window holding more
     * than {@link Builder#maxEventsInMemory(int)} events is split in two halves, the older walked first, so memory
     * stays bounded at the cost of fetching such a window's pages again.
     *
     * @param after where to start: {@link EventPosition#since(Instant)} or a position a backfill reached
     * @param until the newest creation time to include
     * @param types only these event types; null or empty for all
     * @return a lazy stream; API failures are thrown from its terminal operation
     */
    public Stream<ExaEvent> eventsOldestFirst(EventPosition after, Instant until, Set<String> types) {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(until, "until");
        List<String> only = types == null || types.isEmpty() ? null : types.stream().sorted().toList();
        Spliterator<ExaEvent> lazy = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {
            private OldestFirstEvents events;

            @Override
            public boolean tryAdvance(Consumer<? super ExaEvent> action) {
                if (events == null) {
                    events = new OldestFirstEvents(ExaClient.this::listEvents, after, until, only, maxEventsInMemory);
                }
                if (!events.hasNext()) {
                    return false;
                }
                action.accept(events.next());
                return true;
            }
        };
        return StreamSupport.stream(lazy, false);
    }

    /**
     * Dispatches every event Exa emitted since {@code since} through an endpoint, as if each had just been
     * delivered: what the endpoint already handled comes out a duplicate and runs nothing; the rest runs the
     * handlers. For a receiver that was down, or to feed a new one.
     *
     * @param endpoint an endpoint receiving from Exa
     * @param since the earliest creation time, inclusive
     * @return the counts, failures and position reached
     * @see #backfill(WebhookEndpoint, EventPosition, Instant, Set)
     */
    public BackfillResult backfill(WebhookEndpoint endpoint, Instant since) {
        return backfill(endpoint, EventPosition.since(since), null, null);
    }

    /**
     * Dispatches the events of a window through an endpoint.
     *
     * @param endpoint an endpoint receiving from Exa
     * @param since the earliest creation time, inclusive
     * @param until the latest creation time, inclusive; null for the time the run starts
     * @param types only these event types; null or empty for all
     * @return the counts, failures and position reached
     * @see #backfill(WebhookEndpoint, EventPosition, Instant, Set)
     */
    public BackfillResult backfill(WebhookEndpoint endpoint, Instant since, Instant until, Set<String> types) {
        return backfill(endpoint, EventPosition.since(since), until, types);
    }

    /**
     * Goes on from where an earlier backfill stopped ({@link BackfillResult#position()}), up to now.
     *
     * @param endpoint an endpoint receiving from Exa
     * @param position where the earlier run got to
     * @return the counts, failures and position reached
     * @see #backfill(WebhookEndpoint, EventPosition, Instant, Set)
     */
    public BackfillResult backfill(WebhookEndpoint endpoint, EventPosition position) {
        return backfill(endpoint, position, null, null);
    }

    /**
     * Pages through Exa's events API and dispatches each event after {@code position} through
     * {@link WebhookEndpoint#dispatch(dev.hookline.event.VerifiedEvent, int) endpoint.dispatch(event, 1)}, which
     * deduplicates it by its id and runs the handlers of its type.
     *
     * <p><b>Order:</b> oldest first, by {@code createdAt} then id, as {@link #eventsOldestFirst} walks them (windows
     * collected whole, split while they hold more than {@link Builder#maxEventsInMemory(int)} events), so that
     * handlers see a resource's events in the order they happened.
     *
     * <p><b>What is dispatched:</b> each event becomes a {@link dev.hookline.event.VerifiedEvent} of the endpoint's
     * name, provider {@code exa}, the event's id, type and {@code createdAt}, received at the time the run started,
     * no replay bound, no headers, and the event object's JSON ({@link ExaEvent#toJson()}) as its body. Nothing is
     * verified: the events came over Exa's authenticated API.
     *
     * <p><b>Failures:</b> an event whose handlers fail is counted, listed with its reason, and the run goes on. The
     * position returned stops just before the first failure, so a run from it retries the failed events while those
     * after them, already handled, come back as duplicates. When the API fails past its retries, the run stops and
     * returns what it did, with the error ({@link BackfillResult#stoppedBy()}).
     *
     * @param endpoint an endpoint receiving from Exa
     * @param position where to start: {@link EventPosition#since(Instant)} or a position an earlier run returned
     * @param until the latest creation time, inclusive; null for the time the run starts (events created during
     *     the run are left to the next one)
     * @param types only these event types; null or empty for all
     * @return the counts, failures and position reached
     * @throws IllegalArgumentException if the endpoint does not receive from Exa, or {@code until} is before the
     *     position
     */
    public BackfillResult backfill(WebhookEndpoint endpoint, EventPosition position, Instant until,
                                   Set<String> types) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(position, "position");
        Backfill.checkEndpoint(endpoint);
        Instant fetchedAt = transport.clock().instant();
        Instant end = until == null ? fetchedAt : until;
        if (end.isBefore(position.createdAt())) {
            throw new IllegalArgumentException("until (" + end + ") is before the start (" + position.createdAt()
                    + ")");
        }
        return Backfill.run(eventsOldestFirst(position, end, types).iterator(), endpoint, position, fetchedAt);
    }

    /** The base URL the client calls. */
    public URI baseUrl() {
        return transport.baseUrl();
    }

    /** Names the base URL; never the API key. */
    @Override
    public String toString() {
        return "ExaClient[" + transport.baseUrl() + "]";
    }

    private ExaWebhook webhook(ApiRequest request) {
        return transport.bind(request, transport.send(request), ExaWebhook.class);
    }

    private <T> Page<T> page(ApiRequest request, Class<T> type) {
        JsonNode answer = transport.send(request);
        if (!answer.isObject()) {
            throw ProviderApiException.unexpectedAnswer(ExaEvent.PROVIDER, request.method(), request.path(),
                    "the answer is not a page ({data, hasMore, nextCursor})");
        }
        JsonNode data = answer.get("data");
        List<T> items = new ArrayList<>();
        if (data != null && data.isArray()) {
            for (JsonNode item : data) {
                items.add(transport.bind(request, item, type));
            }
        } else if (data != null && !data.isNull()) {
            throw ProviderApiException.unexpectedAnswer(ExaEvent.PROVIDER, request.method(), request.path(),
                    "the answer's data is not a list");
        }
        JsonNode next = answer.get("nextCursor");
        String nextCursor = next != null && next.isString() ? next.stringValue() : null;
        JsonNode more = answer.get("hasMore");
        boolean hasMore = more != null && more.isBoolean() ? more.booleanValue() : nextCursor != null;
        return new Page<>(items, hasMore, nextCursor);
    }

    private static String webhookPath(String id) {
        return WEBHOOKS + "/" + ApiRequest.segment(id);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    /** Configures an {@link ExaClient}; not thread-safe. */
    public static final class Builder {
        private final ApiSettings settings;
        private int maxEventsInMemory = DEFAULT_MAX_EVENTS_IN_MEMORY;

        private Builder(String apiKey) {
            settings = new ApiSettings(ExaEvent.PROVIDER, apiKey, URI.create(DEFAULT_BASE_URL));
        }

        /**
         * Where the API is. Default {@value ExaClient#DEFAULT_BASE_URL}.
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
         * The clock giving the time a backfill starts (its events' time of receipt and default end) and reading
         * {@code Retry-After} dates. Default the system UTC clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            settings.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The most events {@link ExaClient#eventsOldestFirst} and backfills collect from one time window (give or
         * take the last page fetched); a window with more is split. Default
         * {@value ExaClient#DEFAULT_MAX_EVENTS_IN_MEMORY}.
         *
         * @param maxEvents at least 1
         * @return this builder
         */
        public Builder maxEventsInMemory(int maxEvents) {
            if (maxEvents < 1) {
                throw new IllegalArgumentException("maxEventsInMemory must be at least 1, was " + maxEvents);
            }
            this.maxEventsInMemory = maxEvents;
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
        public ExaClient build() {
            return new ExaClient(settings.transport("x-api-key", settings.apiKey), maxEventsInMemory);
        }
    }
}
