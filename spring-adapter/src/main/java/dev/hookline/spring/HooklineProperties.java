package dev.hookline.spring;

import dev.hookline.WebhookEndpoint;
import dev.hookline.dedupe.InMemoryDeduplicator;
import dev.hookline.servlet.WebhookServletOptions;
import dev.hookline.signature.SignatureVerifier;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.Delimiter;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;

/**
 * Hookline's configuration properties, under {@code hookline}: any number of endpoints by name.
 *
 * <pre>
 * hookline.endpoints.exa.path=/webhooks/exa
 * hookline.endpoints.exa.secrets[0]=${EXA_WEBHOOK_SECRET}
 *
 * hookline.endpoints.billing.provider=encrata
 * hookline.endpoints.billing.path=/webhooks/billing
 * hookline.endpoints.billing.secrets[0]=${ENCRATA_WEBHOOK_SECRET}
 * hookline.endpoints.billing.max-event-age=3d
 * </pre>
 *
 * <p>Durations without a unit are seconds. Everything is checked when the application starts, and a
 * mistake stops it with a message naming the property (never a secret).
 */
@ConfigurationProperties("hookline")
public class HooklineProperties {

    /** Whether Hookline sets up the configured webhook endpoints. */
    private boolean enabled = true;

    /**
     * Servlet filter order of the webhook filters. Unset: one before Spring Security's filter chain
     * (spring.security.filter.order minus one, so -101 by default), so webhook paths are answered before
     * Spring Security sees them.
     */
    private Integer filterOrder;

    /**
     * Webhook endpoints by name. The name appears in metrics and logs, selects listener methods with
     * {@code @WebhookListener(endpoint = "name")}, and is the default provider.
     */
    private Map<String, Endpoint> endpoints = new LinkedHashMap<>();

    /** Metrics settings, used when Micrometer is present. */
    private final Metrics metrics = new Metrics();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Integer getFilterOrder() {
        return filterOrder;
    }

    public void setFilterOrder(Integer filterOrder) {
        this.filterOrder = filterOrder;
    }

    public Map<String, Endpoint> getEndpoints() {
        return endpoints;
    }

    public void setEndpoints(Map<String, Endpoint> endpoints) {
        this.endpoints = endpoints;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    /** One webhook endpoint: who sends to it, where, and how deliveries are checked. */
    public static class Endpoint {

        /** Whether this endpoint is set up. A disabled endpoint is not checked and answers nothing. */
        private boolean enabled = true;

        /**
         * How deliveries are handled. direct: the listeners run in the request, and the sender is answered with
         * their outcome. inbox: the verified event is stored in PostgreSQL (hookline-jdbc and a DataSource are
         * needed), the sender is answered 204 once it is committed, and workers in every instance run the
         * listeners later, with retries (hookline.jdbc.inbox.*). The inbox deduplicates, so dedupe.* does not apply.
         */
        private Mode mode = Mode.DIRECT;

        /**
         * Who sends to this endpoint: exa, encrata, standard (Standard Webhooks), svix, stripe or github, or the name of a Provider
         * bean, or of a SignatureScheme bean together with the envelope settings. Defaults to the endpoint's name.
         */
        private String provider;

        /**
         * Exact path the sender posts to, within the application's context path, such as /webhooks/exa.
         * Required; no wildcards.
         */
        private String path;

        /**
         * Signing secrets, exactly as the sender issued them; a delivery signed with any of them is accepted,
         * so a new secret can be added before the old one is removed. At least one is required. A value is
         * never split at commas: give several as secrets[0], secrets[1].
         */
        @Delimiter(Delimiter.NONE)
        private List<String> secrets = new ArrayList<>();

        /** How far a signed timestamp may be from the time of receipt, in either direction. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration tolerance = SignatureVerifier.DEFAULT_TOLERANCE;

        /**
         * Whether signed timestamps are checked against the tolerance. Switching it off accepts a signed
         * timestamp of any age, leaving replays to deduplication alone.
         */
        private boolean timestampCheck = true;

        /**
         * Largest distance between the event's own time (from its envelope) and the time of receipt, in either
         * direction. Unset, the provider's default applies: 3 days for Encrata, which signs no timestamp, none for
         * the others. Set it longer than the sender's retry period, or legitimate redeliveries are refused.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration maxEventAge;

        /**
         * Whether the event's own time is checked against max-event-age (or the provider's default). Switching it
         * off for a sender that signs no timestamp lets a captured delivery be replayed once it is forgotten.
         */
        private boolean eventAgeCheck = true;

        /**
         * How long the listeners of one delivery may run; then their thread is interrupted and the event released,
         * so that the sender's retry runs them again.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration handlerTimeout = WebhookEndpoint.DEFAULT_HANDLER_TIMEOUT;

        /**
         * How long a redelivery waits for an earlier delivery of the same event that is still being handled,
         * before the sender is asked to retry (503).
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration duplicateWait = WebhookEndpoint.DEFAULT_DUPLICATE_WAIT;

        /** Largest request body read; a larger one is answered with 413 without being read. */
        private DataSize maxBodySize = DataSize.ofBytes(WebhookServletOptions.DEFAULT_MAX_BODY_SIZE);

        /**
         * How long the whole request body may take to arrive, from the request's receipt; a body still incomplete
         * then, trickling or stalled, is answered with 408. Handlers are not timed.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration bodyReadTimeout = WebhookServletOptions.DEFAULT_BODY_READ_TIMEOUT;

        /** Retry-After sent with a 503, rounded up to whole seconds. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration retryAfter = WebhookServletOptions.DEFAULT_RETRY_AFTER;

        /** Deduplication of redeliveries. */
        private final Dedupe dedupe = new Dedupe();

        /** How events are wrapped, for an endpoint whose provider is a SignatureScheme bean. */
        private final Envelope envelope = new Envelope();

        /** A scheduled backfill of the events this endpoint missed, from Exa's events API. */
        private final Backfill backfill = new Backfill();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * The value of {@code hookline.endpoints.<name>.mode}.
         *
         * @return the value
         */
        public Mode getMode() {
            return mode;
        }

        /**
         * Sets {@code hookline.endpoints.<name>.mode}.
         *
         * @param mode the value
         */
        public void setMode(Mode mode) {
            this.mode = mode;
        }

        public String getProvider() {
            return provider;
        }

        public void setProvider(String provider) {
            this.provider = provider;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public List<String> getSecrets() {
            return secrets;
        }

        public void setSecrets(List<String> secrets) {
            this.secrets = secrets;
        }

        public Duration getTolerance() {
            return tolerance;
        }

        public void setTolerance(Duration tolerance) {
            this.tolerance = tolerance;
        }

        public boolean isTimestampCheck() {
            return timestampCheck;
        }

        public void setTimestampCheck(boolean timestampCheck) {
            this.timestampCheck = timestampCheck;
        }

        public Duration getMaxEventAge() {
            return maxEventAge;
        }

        public void setMaxEventAge(Duration maxEventAge) {
            this.maxEventAge = maxEventAge;
        }

        public boolean isEventAgeCheck() {
            return eventAgeCheck;
        }

        public void setEventAgeCheck(boolean eventAgeCheck) {
            this.eventAgeCheck = eventAgeCheck;
        }

        public Duration getHandlerTimeout() {
            return handlerTimeout;
        }

        public void setHandlerTimeout(Duration handlerTimeout) {
            this.handlerTimeout = handlerTimeout;
        }

        public Duration getDuplicateWait() {
            return duplicateWait;
        }

        public void setDuplicateWait(Duration duplicateWait) {
            this.duplicateWait = duplicateWait;
        }

        public DataSize getMaxBodySize() {
            return maxBodySize;
        }

        public void setMaxBodySize(DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }

        public Duration getBodyReadTimeout() {
            return bodyReadTimeout;
        }

        public void setBodyReadTimeout(Duration bodyReadTimeout) {
            this.bodyReadTimeout = bodyReadTimeout;
        }

        public Duration getRetryAfter() {
            return retryAfter;
        }

        public void setRetryAfter(Duration retryAfter) {
            this.retryAfter = retryAfter;
        }

        public Dedupe getDedupe() {
            return dedupe;
        }

        public Envelope getEnvelope() {
            return envelope;
        }

        /**
         * The settings under {@code hookline.endpoints.<name>.backfill}.
         *
         * @return the settings
         */
        public Backfill getBackfill() {
            return backfill;
        }

        /** Never shows the secrets, only how many there are. */
        @Override
        public String toString() {
            return "Endpoint[provider=" + provider + ", path=" + path + ", " + secrets.size() + " secret(s)]";
        }
    }

    /** How an endpoint's deliveries are handled. */
    public enum Mode {
        /** The listeners run in the request. */
        DIRECT,
        /** The event is stored in the PostgreSQL inbox, and workers run the listeners later. */
        INBOX
    }

    /** Where an endpoint remembers the events it has handled. */
    public enum Store {
        /** In this instance's memory, forgotten on restart. */
        MEMORY,
        /** In PostgreSQL, shared by every instance and kept across restarts. */
        JDBC
    }

    /** How an endpoint recognises redeliveries of events it has already handled. */
    public static class Dedupe {

        /**
         * Whether redeliveries of handled events are acknowledged without running listeners again. Switch it
         * off only when listeners are idempotent on their own.
         */
        private boolean enabled = true;

        /**
         * Where handled events are remembered: memory (this instance only, forgotten on restart) or jdbc
         * (PostgreSQL, shared by every instance and kept across restarts; hookline-jdbc and a DataSource are
         * needed, and hookline.jdbc.dedupe.* applies).
         */
        private Store store = Store.MEMORY;

        /**
         * Most events the in-memory deduplicator remembers or holds at once. When it is full, the oldest event
         * that can no longer be replayed is forgotten; if none can be, deliveries are answered 503 until one can.
         */
        private int maxEntries = InMemoryDeduplicator.DEFAULT_MAX_ENTRIES;

        /**
         * How long the in-memory deduplicator remembers a handled event; longer than the sender retries. Unset, 24
         * hours or the endpoint's replay window (max-event-age or tolerance), whichever is longer; a shorter value
         * than that window stops start-up.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration retention;

        /**
         * Name of a Deduplicator bean to use instead of the in-memory one, such as one backed by a store shared
         * by every instance of the application. max-entries and retention then do not apply.
         */
        private String deduplicator;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * The value of {@code hookline.endpoints.<name>.dedupe.store}.
         *
         * @return the value
         */
        public Store getStore() {
            return store;
        }

        /**
         * Sets {@code hookline.endpoints.<name>.dedupe.store}.
         *
         * @param store the value
         */
        public void setStore(Store store) {
            this.store = store;
        }

        public int getMaxEntries() {
            return maxEntries;
        }

        public void setMaxEntries(int maxEntries) {
            this.maxEntries = maxEntries;
        }

        public Duration getRetention() {
            return retention;
        }

        public void setRetention(Duration retention) {
            this.retention = retention;
        }

        public String getDeduplicator() {
            return deduplicator;
        }

        public void setDeduplicator(String deduplicator) {
            this.deduplicator = deduplicator;
        }
    }

    /**
     * Where a JSON envelope keeps the event's id, type, time and data, for an endpoint whose provider is a
     * SignatureScheme bean. Built-in providers and Provider beans bring their own envelope.
     */
    public static class Envelope {

        /** Top-level field holding the event id. Default "id", unless id-header or id-from-body-digest is set. */
        private String idField;

        /** Header holding the event id, instead of a field. */
        private String idHeader;

        /** Whether the event id is the SHA-256 of the verified body, for senders that send no id. */
        private boolean idFromBodyDigest;

        /** Top-level field holding the event type. Default "type", unless type-header is set. */
        private String typeField;

        /** Header holding the event type, instead of a field. */
        private String typeHeader;

        /** Top-level field holding the event time, as ISO-8601 text or unix seconds; needed by max-event-age. */
        private String timeField;

        /** Top-level field holding the event data. Default "data", unless whole-body-as-data is set. */
        private String dataField;

        /** Whether the whole body is the event data, for senders that do not wrap their events. */
        private boolean wholeBodyAsData;

        /**
         * Allows id-header or type-header to name a header the scheme does not sign, accepting that anyone holding
         * one captured delivery can replay it under new values there. Deduplication then keys on the id together
         * with the body's digest.
         */
        private boolean trustUnsignedHeaders;

        public String getIdField() {
            return idField;
        }

        public void setIdField(String idField) {
            this.idField = idField;
        }

        public String getIdHeader() {
            return idHeader;
        }

        public void setIdHeader(String idHeader) {
            this.idHeader = idHeader;
        }

        public boolean isIdFromBodyDigest() {
            return idFromBodyDigest;
        }

        public void setIdFromBodyDigest(boolean idFromBodyDigest) {
            this.idFromBodyDigest = idFromBodyDigest;
        }

        public String getTypeField() {
            return typeField;
        }

        public void setTypeField(String typeField) {
            this.typeField = typeField;
        }

        public String getTypeHeader() {
            return typeHeader;
        }

        public void setTypeHeader(String typeHeader) {
            this.typeHeader = typeHeader;
        }

        public String getTimeField() {
            return timeField;
        }

        public void setTimeField(String timeField) {
            this.timeField = timeField;
        }

        public String getDataField() {
            return dataField;
        }

        public void setDataField(String dataField) {
            this.dataField = dataField;
        }

        public boolean isWholeBodyAsData() {
            return wholeBodyAsData;
        }

        public void setWholeBodyAsData(boolean wholeBodyAsData) {
            this.wholeBodyAsData = wholeBodyAsData;
        }

        public boolean isTrustUnsignedHeaders() {
            return trustUnsignedHeaders;
        }

        public void setTrustUnsignedHeaders(boolean trustUnsignedHeaders) {
            this.trustUnsignedHeaders = trustUnsignedHeaders;
        }

        /** Whether any setting is given. */
        boolean isSet() {
            return idField != null || idHeader != null || idFromBodyDigest || typeField != null || typeHeader != null
                    || timeField != null || dataField != null || wholeBodyAsData || trustUnsignedHeaders;
        }
    }

    /**
     * A scheduled backfill of an Exa endpoint: every interval, the events Exa emitted since the position the last run
     * reached are fetched from its events API and dispatched through the endpoint, so that deduplication skips what
     * was delivered and the rest runs the listeners. Needs hookline-providers. The position is kept in PostgreSQL
     * when the application has hookline-jdbc and a DataSource (shared by every instance, so that they do not repeat
     * each other's work), else in this instance's memory.
     */
    public static class Backfill {

        /** Default time between the end of one run and the start of the next: five minutes. */
        public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

        /** Default distance back in time the first run starts from: one day. */
        public static final Duration DEFAULT_LOOK_BACK = Duration.ofDays(1);

        /** Whether missed events are fetched from Exa's events API and dispatched, every interval. */
        private boolean enabled;

        /** Time between the end of one run and the start of the next; the first runs when the application starts. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration interval = DEFAULT_INTERVAL;

        /**
         * How far back the first run starts when no position is stored (the first start, or every start without
         * a shared PostgreSQL store).
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration lookBack = DEFAULT_LOOK_BACK;

        /** Only events of these types are fetched; empty for every type. */
        private List<String> types = new ArrayList<>();

        /** The Exa API key, such as ${EXA_API_KEY}. Required when enabled; masked by Actuator, never logged. */
        private String apiKey;

        /** Base URL of Exa's Websets API, for a proxy or a test server. */
        private String apiUrl = "https://api.exa.ai/websets";

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public Duration getLookBack() {
            return lookBack;
        }

        public void setLookBack(Duration lookBack) {
            this.lookBack = lookBack;
        }

        public List<String> getTypes() {
            return types;
        }

        public void setTypes(List<String> types) {
            this.types = types;
        }

        public String getApiKey() {
            return apiKey;
        }

        public void setApiKey(String apiKey) {
            this.apiKey = apiKey;
        }

        public String getApiUrl() {
            return apiUrl;
        }

        public void setApiUrl(String apiUrl) {
            this.apiUrl = apiUrl;
        }

        /** Never shows the API key. */
        @Override
        public String toString() {
            return "Backfill[enabled=" + enabled + ", interval=" + interval + ", lookBack=" + lookBack + ", apiUrl="
                    + apiUrl + "]";
        }
    }

    /** How deliveries are counted, when Micrometer is present. */
    public static class Metrics {

        /**
         * Most distinct event types tagged per endpoint on hookline.deliveries; further types are tagged
         * "other". Keeps the number of time series bounded whatever types a sender invents.
         */
        private int maxEventTypes = 100;

        public int getMaxEventTypes() {
            return maxEventTypes;
        }

        public void setMaxEventTypes(int maxEventTypes) {
            this.maxEventTypes = maxEventTypes;
        }
    }
}
