package dev.hookline.spring;

import dev.hookline.Provider;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.dedupe.Deduplicator;
import dev.hookline.dedupe.InMemoryDeduplicator;
import dev.hookline.event.JsonEnvelope;
import dev.hookline.servlet.DeliveryReceiver;
import dev.hookline.servlet.WebhookServletOptions;
import dev.hookline.signature.Secrets;
import dev.hookline.signature.SignatureScheme;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;

/**
 * Maps {@code hookline.endpoints} to {@link EndpointDefinition}s, checking every setting and resolving what it
 * names (providers, deduplicators), so that every mistake stops the application with a message that names the
 * property. Never puts a secret in a message.
 *
 * <pre>{@code
 * List<EndpointDefinition> definitions = new HooklinePropertiesMapper(properties, beanFactory).asDefinitions();
 * }</pre>
 */
public final class HooklinePropertiesMapper {

    /** The names that always mean a built-in provider, whatever beans exist. */
    static final Map<String, Provider> BUILT_IN = Map.of(
            "exa", Providers.exa(),
            "encrata", Providers.encrata(),
            "standard", Providers.standardWebhooks(),
            "svix", Providers.svix(),
            "stripe", Providers.stripe(),
            "github", Providers.github());

    private static final String BUILT_IN_NAMES = "exa, encrata, standard, svix, stripe, github";

    /** What to do when a setting needs hookline-jdbc and a DataSource that the application lacks. */
    private static final String JDBC_ACTION = "Add dev.hookline:hookline-jdbc, a DataSource for PostgreSQL "
            + "(spring-boot-starter-jdbc and org.postgresql:postgresql, with spring.datasource.url) and the tables "
            + "(hookline.jdbc.initialize-schema=always, or JdbcSchema's SQL in your migrations)";

    /** A class of hookline-providers, which scheduled backfills need; looked for by name, never loaded here. */
    private static final String EXA_CLIENT = "dev.hookline.providers.ExaClient";

    /** A name that can follow {@code hookline.endpoints.} as it is. */
    private static final Pattern SIMPLE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /** Characters and forms that make a path anything but one exact servlet path. */
    private static final Pattern NOT_EXACT = Pattern.compile("[*?#;%\\s\\p{Cntrl}\\\\]|//|/\\.\\.?(/|$)");

    private final HooklineProperties properties;
    private final ListableBeanFactory beans;

    /**
     * A mapper of the given properties.
     *
     * @param properties the bound {@code hookline.*} properties
     * @param beans where named Provider, SignatureScheme and Deduplicator beans are found
     */
    public HooklinePropertiesMapper(HooklineProperties properties, ListableBeanFactory beans) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.beans = Objects.requireNonNull(beans, "beans");
    }

    /**
     * The enabled endpoints, checked, in the order they are configured.
     *
     * @return one definition per enabled endpoint
     * @throws WebhookConfigurationException at the first mistake, naming the property
     */
    public List<EndpointDefinition> asDefinitions() {
        List<EndpointDefinition> definitions = new ArrayList<>();
        Map<String, String> endpointByPath = new LinkedHashMap<>();
        properties.getEndpoints().forEach((name, endpoint) -> {
            if (!endpoint.isEnabled()) {
                return;
            }
            EndpointDefinition definition = definition(name, endpoint, beans);
            String other = endpointByPath.putIfAbsent(definition.path(), name);
            if (other != null) {
                throw new WebhookConfigurationException(property(other, "path") + " and " + property(name, "path")
                        + " are both '" + definition.path() + "'", "Give each endpoint a path of its own.");
            }
            definitions.add(definition);
        });
        return List.copyOf(definitions);
    }

    private static EndpointDefinition definition(String name, HooklineProperties.Endpoint endpoint,
                                                 ListableBeanFactory beans) {
        String path = checkPath(name, endpoint.getPath());
        Provider provider = provider(name, endpoint, beans);
        List<String> secrets = checkSecrets(name, endpoint.getSecrets(), provider);
        checkDurations(name, endpoint);
        int maxBodySize = maxBodySize(name, endpoint.getMaxBodySize());
        Deduplicator deduplicator = deduplicator(name, endpoint, provider, beans);
        checkBackfill(name, endpoint, provider, beans);
        WebhookServletOptions.Builder options = WebhookServletOptions.builder().logFailures(false);
        PropertyMapper map = PropertyMapper.get();
        map.from(maxBodySize).to(options::maxBodySize);
        map.from(endpoint::getBodyReadTimeout).to(options::bodyReadTimeout);
        map.from(endpoint::getRetryAfter).to(options::retryAfter);
        if (endpoint.getMode() == HooklineProperties.Mode.INBOX) {
            options.receiver(inboxReceiver(name, beans));
        }
        return new EndpointDefinition(name, path, () -> timing(WebhookEndpoint.builder(provider), endpoint)
                .name(name)
                .secrets(secrets)
                .deduplicator(deduplicator), options.build());
    }

    /** Applies the settings of time: tolerance, event age, waits and the handlers' budget. */
    private static WebhookEndpoint.Builder timing(WebhookEndpoint.Builder builder, HooklineProperties.Endpoint endpoint) {
        PropertyMapper map = PropertyMapper.get();
        map.from(endpoint::getDuplicateWait).to(builder::duplicateWait);
        map.from(endpoint::getHandlerTimeout).to(builder::handlerTimeout);
        map.from(endpoint::getTolerance).when(tolerance -> endpoint.isTimestampCheck()).to(builder::tolerance);
        map.from(endpoint::isTimestampCheck).whenFalse().toCall(builder::withoutTimestampCheck);
        map.from(endpoint::getMaxEventAge).when(age -> endpoint.isEventAgeCheck()).to(builder::maxEventAge);
        map.from(endpoint::isEventAgeCheck).whenFalse().toCall(builder::withoutEventAgeCheck);
        return builder;
    }

    /** The property's full name, such as {@code hookline.endpoints.exa.secrets}. */
    static String property(String endpoint, String key) {
        return prefix(endpoint) + "." + key;
    }

    /** The endpoint's own property name, such as {@code hookline.endpoints.exa}. */
    static String prefix(String endpoint) {
        return SIMPLE_NAME.matcher(endpoint).matches()
                ? "hookline.endpoints." + endpoint
                : "hookline.endpoints[" + endpoint + "]";
    }

    private static String checkPath(String name, String path) {
        String key = property(name, "path");
        if (path == null || path.isEmpty()) {
            throw new WebhookConfigurationException(key + " is not set",
                    "Set " + key + " to the exact path the sender posts to, such as /webhooks/" + name + ".");
        }
        if (!path.startsWith("/") || path.length() == 1 || NOT_EXACT.matcher(path).find()) {
            throw new WebhookConfigurationException(key + " is '" + path + "', which is not an exact path",
                    "Give an exact path that starts with '/', such as /webhooks/" + name + "; wildcards, '?', '#', ';', "
                            + "'%', '\\', whitespace, empty segments and '.' or '..' segments are not allowed.");
        }
        return path;
    }

    private static Provider provider(String name, HooklineProperties.Endpoint endpoint, ListableBeanFactory beans) {
        String key = property(name, "provider");
        String configured = endpoint.getProvider();
        String providerName = configured == null || configured.isBlank() ? name : configured;
        String action = "Set " + key + " to exa, encrata, standard, svix, stripe or github, or to the name of a "
                + "Provider bean (or of a SignatureScheme bean, with " + property(name, "envelope") + ".* settings).";
        HooklineProperties.Envelope envelope = endpoint.getEnvelope();

        Provider builtIn = BUILT_IN.get(providerName);
        if (builtIn != null) {
            requireNoEnvelope(name, envelope, providerName);
            return builtIn;
        }
        if (!beans.containsBean(providerName)) {
            String what = configured == null || configured.isBlank()
                    ? key + " is not set, and the endpoint name '" + name + "'"
                    : key + " is '" + configured + "', which";
            throw new WebhookConfigurationException(what + " is neither a built-in provider (" + BUILT_IN_NAMES
                    + ") nor the name of a Provider or SignatureScheme bean", action);
        }
        Object bean = beans.getBean(providerName);
        if (bean instanceof Provider provider) {
            requireNoEnvelope(name, envelope, providerName);
            return provider;
        }
        if (bean instanceof SignatureScheme scheme) {
            try {
                return new Provider(name, scheme, envelope(name, envelope));
            } catch (IllegalArgumentException e) {
                String prefix = property(name, "envelope");
                throw new WebhookConfigurationException(prefix + ".id-header or " + prefix + ".type-header names a "
                        + "header that " + scheme + " does not sign: anyone holding one captured delivery could replay it "
                        + "with new values there", "Take the id and type from the signed body (id-field, type-field), or "
                        + "set " + prefix + ".trust-unsigned-headers=true to accept that risk.", e);
            }
        }
        throw new WebhookConfigurationException(key + " names bean '" + providerName + "' of type "
                + bean.getClass().getName() + ", which is neither a Provider nor a SignatureScheme", action);
    }

    private static void requireNoEnvelope(String name, HooklineProperties.Envelope envelope, String providerName) {
        if (envelope.isSet()) {
            String key = property(name, "envelope");
            throw new WebhookConfigurationException(key + " is set, but provider '" + providerName
                    + "' brings its own envelope", "Remove the " + key + ".* settings: they apply only to an endpoint "
                    + "whose provider is a SignatureScheme bean.");
        }
    }

    private static JsonEnvelope envelope(String name, HooklineProperties.Envelope envelope) {
        String key = property(name, "envelope");
        String action = "Choose one of them.";
        requireNotBlank(key + ".id-field", envelope.getIdField());
        requireNotBlank(key + ".id-header", envelope.getIdHeader());
        requireNotBlank(key + ".type-field", envelope.getTypeField());
        requireNotBlank(key + ".type-header", envelope.getTypeHeader());
        requireNotBlank(key + ".time-field", envelope.getTimeField());
        requireNotBlank(key + ".data-field", envelope.getDataField());
        int idSources = (envelope.getIdField() == null ? 0 : 1) + (envelope.getIdHeader() == null ? 0 : 1)
                + (envelope.isIdFromBodyDigest() ? 1 : 0);
        if (idSources > 1) {
            throw new WebhookConfigurationException(key + " sets more than one of id-field, id-header and "
                    + "id-from-body-digest", action);
        }
        if (envelope.getTypeField() != null && envelope.getTypeHeader() != null) {
            throw new WebhookConfigurationException(key + " sets both type-field and type-header", action);
        }
        if (envelope.getDataField() != null && envelope.isWholeBodyAsData()) {
            throw new WebhookConfigurationException(key + " sets both data-field and whole-body-as-data", action);
        }

        // the builder starts from id, type and data: set only what the properties change
        JsonEnvelope.Builder builder = JsonEnvelope.builder();
        PropertyMapper map = PropertyMapper.get();
        map.from(envelope::getIdField).to(builder::idField);
        map.from(envelope::getIdHeader).to(builder::idHeader);
        map.from(envelope::isIdFromBodyDigest).whenTrue().toCall(builder::idFromBodyDigest);
        map.from(envelope::getTypeField).to(builder::typeField);
        map.from(envelope::getTypeHeader).to(builder::typeHeader);
        map.from(envelope::getTimeField).to(builder::timeField);
        map.from(envelope::getDataField).to(builder::dataField);
        map.from(envelope::isWholeBodyAsData).whenTrue().toCall(builder::wholeBodyAsData);
        map.from(envelope::isTrustUnsignedHeaders).whenTrue().toCall(builder::trustUnsignedHeaders);
        return builder.build();
    }

    private static void requireNotBlank(String key, String value) {
        if (value != null && value.isBlank()) {
            throw new WebhookConfigurationException(key + " is blank", "Name a field or header, or remove " + key + ".");
        }
    }

    private static List<String> checkSecrets(String name, List<String> secrets, Provider provider) {
        String key = property(name, "secrets");
        String action = "Set " + key + "[0] to the signing secret the sender issued, for instance from an "
                + "environment variable; while rotating, add the new one as " + key + "[1].";
        if (secrets == null || secrets.isEmpty()) {
            throw new WebhookConfigurationException(key + " is not set", action);
        }
        for (int i = 0; i < secrets.size(); i++) {
            String secret = secrets.get(i);
            String indexed = key + "[" + i + "]";
            if (secret != null) {
                SecretPlaceholders.requireResolved(indexed, secret);
            }
            try {
                Secrets.key(provider.scheme(), secret, indexed);
            } catch (IllegalArgumentException e) {
                // the message names the property and never holds the secret
                String problem = e.getMessage();
                if (secret == null || secret.isBlank()) {
                    throw new WebhookConfigurationException(problem, action);
                }
                if (!secret.strip().equals(secret)) {
                    throw new WebhookConfigurationException(problem, "Remove the whitespace around the secret, often a "
                            + "line break read from a file or an environment variable.");
                }
                throw new WebhookConfigurationException(problem, "Copy the secret exactly as the sender issued it; a "
                        + "key must be at least 16 bytes long.");
            }
        }
        return List.copyOf(secrets);
    }

    private static void checkDurations(String name, HooklineProperties.Endpoint endpoint) {
        requireNonNegative(name, "tolerance", endpoint.getTolerance(), "Set a tolerance of zero or more, such as 5m, "
                + "or turn the check off with " + property(name, "timestamp-check") + "=false.");
        Duration maxEventAge = endpoint.getMaxEventAge();
        if (maxEventAge != null && (maxEventAge.isNegative() || maxEventAge.isZero())) {
            throw new WebhookConfigurationException(property(name, "max-event-age") + " is " + maxEventAge
                    + "; it must be positive", "Set an age longer than the sender's retry period, such as 3d, or "
                    + "remove " + property(name, "max-event-age") + " for no limit.");
        }
        requireNonNegative(name, "duplicate-wait", endpoint.getDuplicateWait(), "Set a wait of zero or more, such as 5s.");
        requirePositive(name, "handler-timeout", endpoint.getHandlerTimeout(),
                "Set a time the listeners of one delivery may take, such as 30s.");
        requirePositive(name, "body-read-timeout", endpoint.getBodyReadTimeout(),
                "Set the time a whole request body may take to arrive, such as 5s.");
        requireNonNegative(name, "retry-after", endpoint.getRetryAfter(), "Set a delay of zero or more, such as 10s.");
    }

    private static void requirePositive(String name, String key, Duration value, String action) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new WebhookConfigurationException(property(name, key) + " is " + value + "; it must be positive",
                    action);
        }
    }

    private static void requireNonNegative(String name, String key, Duration value, String action) {
        if (value == null || value.isNegative()) {
            throw new WebhookConfigurationException(property(name, key) + " is " + value
                    + "; it must be zero or more", action);
        }
    }

    private static int maxBodySize(String name, DataSize size) {
        if (size == null || size.toBytes() <= 0 || size.toBytes() > Integer.MAX_VALUE) {
            throw new WebhookConfigurationException(property(name, "max-body-size") + " is " + size
                    + "; it must be from 1B to " + Integer.MAX_VALUE + "B", "Set a size such as 1MB.");
        }
        return (int) size.toBytes();
    }

    /**
     * Checks {@code backfill.*} when it is enabled: an Exa endpoint in direct mode, hookline-providers present, an API
     * key, positive times, no blank type. The API key's form and the URL are checked when the client is built.
     */
    private static void checkBackfill(String name, HooklineProperties.Endpoint endpoint, Provider provider,
                                      ListableBeanFactory beans) {
        HooklineProperties.Backfill backfill = endpoint.getBackfill();
        if (!backfill.isEnabled()) {
            return;
        }
        String key = property(name, "backfill");
        String remove = "remove " + key + ".*";
        if (!provider.name().equals("exa")) {
            throw new WebhookConfigurationException(key + ".enabled is true, but the endpoint receives from '"
                    + provider.name() + "': only Exa has an events API to backfill from", "Set it on an endpoint "
                    + "whose provider is exa, or " + remove + ".");
        }
        if (endpoint.getMode() == HooklineProperties.Mode.INBOX) {
            throw new WebhookConfigurationException(key + ".enabled is true, but " + property(name, "mode") + " is "
                    + "inbox: a backfill dispatches through the endpoint, which in inbox mode does not deduplicate",
                    "Backfill an endpoint in direct mode, with dedupe.store=jdbc to share its deduplication, or "
                            + remove + ".");
        }
        ClassLoader loader = beans instanceof ConfigurableBeanFactory configurable
                ? configurable.getBeanClassLoader() : HooklinePropertiesMapper.class.getClassLoader();
        if (!ClassUtils.isPresent(EXA_CLIENT, loader)) {
            throw new WebhookConfigurationException(key + ".enabled is true, but hookline-providers is not on the "
                    + "class path", "Add dev.hookline:hookline-providers, or " + remove + ".");
        }
        String apiKey = key + ".api-key";
        if (backfill.getApiKey() == null || backfill.getApiKey().isBlank()) {
            throw new WebhookConfigurationException(apiKey + " is not set",
                    "Set " + apiKey + " to the Exa API key, for instance ${EXA_API_KEY}.");
        }
        SecretPlaceholders.requireResolved(apiKey, backfill.getApiKey(), "the Exa API key");
        requirePositive(name, "backfill.interval", backfill.getInterval(), "Set the time between two runs, such as 5m.");
        requirePositive(name, "backfill.look-back", backfill.getLookBack(),
                "Set how far back the first run starts, such as 1d.");
        List<String> types = backfill.getTypes();
        for (int i = 0; types != null && i < types.size(); i++) {
            if (types.get(i) == null || types.get(i).isBlank()) {
                throw new WebhookConfigurationException(key + ".types[" + i + "] is blank",
                        "Name an event type, such as webset.item.created, or remove it for every type.");
            }
        }
    }

    /** The inbox's servlet receiver, which hookline-jdbc's auto-configuration provides given a DataSource. */
    private static DeliveryReceiver inboxReceiver(String name, ListableBeanFactory beans) {
        String bean = HooklineJdbcAutoConfiguration.INBOX_RECEIVER_BEAN_NAME;
        if (!beans.containsBean(bean) || !beans.isTypeMatch(bean, DeliveryReceiver.class)) {
            throw new WebhookConfigurationException(property(name, "mode") + " is inbox, but the application has no "
                    + "PostgreSQL inbox", JDBC_ACTION + ", or remove " + property(name, "mode") + ".");
        }
        return beans.getBean(bean, DeliveryReceiver.class);
    }

    private static Deduplicator deduplicator(String name, HooklineProperties.Endpoint endpoint, Provider provider,
                                             ListableBeanFactory beans) {
        HooklineProperties.Dedupe dedupe = endpoint.getDedupe();
        boolean jdbc = dedupe.getStore() == HooklineProperties.Store.JDBC;
        if (jdbc && dedupe.getDeduplicator() != null) {
            throw new WebhookConfigurationException(property(name, "dedupe.store") + " is jdbc and "
                    + property(name, "dedupe.deduplicator") + " names a bean: they choose the deduplicator twice",
                    "Remove one of them.");
        }
        if (endpoint.getMode() == HooklineProperties.Mode.INBOX) {
            if (jdbc || dedupe.getDeduplicator() != null) {
                String key = property(name, jdbc ? "dedupe.store" : "dedupe.deduplicator");
                throw new WebhookConfigurationException(key + " is set, but " + property(name, "mode") + " is inbox, "
                        + "and the inbox deduplicates by itself", "Remove " + key + ".");
            }
            return Deduplicator.none(); // the inbox's unique key deduplicates; a second store would only repeat it
        }
        if (!dedupe.isEnabled()) {
            return Deduplicator.none();
        }
        Duration window = timing(WebhookEndpoint.builder(provider), endpoint).replayWindow();
        String windowProperty = property(name, endpoint.getMaxEventAge() != null || provider.maxEventAge() != null
                ? "max-event-age" : "tolerance");
        String beanName = jdbc ? HooklineJdbcAutoConfiguration.DEDUPLICATOR_BEAN_NAME : dedupe.getDeduplicator();
        if (beanName != null) {
            String key = property(name, jdbc ? "dedupe.store" : "dedupe.deduplicator");
            if (jdbc && !beans.containsBean(beanName)) {
                throw new WebhookConfigurationException(key + " is jdbc, but the application has no PostgreSQL "
                        + "deduplicator", JDBC_ACTION + ", or set " + key + " to memory.");
            }
            if (!beans.containsBean(beanName) || !beans.isTypeMatch(beanName, Deduplicator.class)) {
                throw new WebhookConfigurationException(key + " is '" + beanName
                        + "', which is not the name of a Deduplicator bean",
                        "Set " + key + " to the name of a Deduplicator bean, or remove it to use the in-memory one.");
            }
            Deduplicator bean = beans.getBean(beanName, Deduplicator.class);
            Duration retention = bean.retention().orElse(null);
            if (window != null && retention != null && retention.compareTo(window) < 0) {
                throw new WebhookConfigurationException("Deduplicator bean '" + beanName + "' (" + key + ") remembers "
                        + "events for " + retention + ", less than the endpoint's replay window of " + window + " ("
                        + windowProperty + ")", "Give the deduplicator a longer retention, or shorten " + windowProperty
                        + ".");
            }
            return bean;
        }
        if (dedupe.getMaxEntries() <= 0) {
            throw new WebhookConfigurationException(property(name, "dedupe.max-entries") + " is "
                    + dedupe.getMaxEntries() + "; it must be positive", "Set a count such as 100000.");
        }
        Duration retention = dedupe.getRetention();
        if (retention == null) {
            retention = window != null && window.compareTo(InMemoryDeduplicator.DEFAULT_RETENTION) > 0
                    ? window : InMemoryDeduplicator.DEFAULT_RETENTION;
        } else if (retention.isNegative() || retention.isZero()) {
            throw new WebhookConfigurationException(property(name, "dedupe.retention") + " is " + retention
                    + "; it must be positive", "Set a retention longer than the sender's retry period, such as 24h.");
        } else if (window != null && retention.compareTo(window) < 0) {
            throw new WebhookConfigurationException(property(name, "dedupe.retention") + " is " + retention
                    + ", shorter than the endpoint's replay window of " + window + " (" + windowProperty + "): a "
                    + "replayed delivery could be accepted after its event is forgotten", "Lengthen "
                    + property(name, "dedupe.retention") + ", shorten " + windowProperty + ", or remove "
                    + property(name, "dedupe.retention") + " to let it follow the window.");
        }
        return InMemoryDeduplicator.builder().maxEntries(dedupe.getMaxEntries()).retention(retention).build();
    }
}
