package dev.hookline.cli;

import dev.hookline.providers.EncrataClient;
import dev.hookline.providers.ExaClient;
import dev.hookline.providers.Sleeper;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How a command reaches a provider's API: which provider, where its API is ({@code --api-url}), and the key, from
 * the provider's variable or, with a warning, {@code --api-key}. The key is never printed.
 */
final class ApiAccess {

    /** The options every command that calls an API takes, besides its own. */
    static final Set<String> VALUE_OPTIONS = Set.of("--provider", "--api-url", "--api-key");
    /** The flags every command that calls an API takes. */
    static final Set<String> FLAGS = Set.of("--json");

    /** The text of those options in each command's help. */
    static final String OPTIONS_HELP = """
              --api-url URL     the provider's API (default: https://api.exa.ai/websets for exa,
                                https://encrata.com for encrata)
              --api-key KEY     the API key (default: $EXA_API_KEY or $ENCRATA_API_KEY). Prefer the variable:
                                arguments are visible to other users of the machine
              --json            print JSON on standard output: one document, or one per line for lists
            """;

    /** A provider with a management API. */
    enum Api {
        EXA("exa", "EXA_API_KEY", ExaClient.DEFAULT_BASE_URL),
        ENCRATA("encrata", "ENCRATA_API_KEY", EncrataClient.DEFAULT_BASE_URL);

        final String id;
        final String keyVariable;
        final String defaultUrl;

        Api(String id, String keyVariable, String defaultUrl) {
            this.id = id;
            this.keyVariable = keyVariable;
            this.defaultUrl = defaultUrl;
        }
    }

    final Api api;
    private final String url;
    private final String key;
    private final Sleeper sleeper;

    private ApiAccess(Api api, String url, String key, Sleeper sleeper) {
        this.api = api;
        this.url = url;
        this.key = key;
        this.sleeper = sleeper;
    }

    /**
     * The provider named by {@code --provider}.
     *
     * @param options the command's options
     * @param fallback the provider when none is named, or null to require one
     * @return the provider
     * @throws UsageException if none is named and there is no fallback, or the name is unknown
     */
    static Api provider(Options options, Api fallback) throws UsageException {
        String name = options.value("--provider");
        if (name == null) {
            if (fallback == null) {
                throw new UsageException(options.command() + " needs --provider exa or encrata");
            }
            return fallback;
        }
        for (Api api : Api.values()) {
            if (api.id.equals(name.toLowerCase(Locale.ROOT))) {
                return api;
            }
        }
        throw new UsageException("unknown provider '" + name + "': expected exa or encrata");
    }

    /**
     * The access a command's options and the environment describe.
     *
     * @param api the provider
     * @param options the command's options
     * @param environment where the key is looked up
     * @param printer where the warning about {@code --api-key} goes
     * @param sleeper how retries wait
     * @return the access
     * @throws UsageException if there is no key, or the key or the URL cannot be used
     */
    static ApiAccess of(Api api, Options options, Map<String, String> environment, Printer printer, Sleeper sleeper)
            throws UsageException {
        String key = options.value("--api-key");
        if (key != null) {
            printer.note("warning: --api-key is visible to other users of this machine (process list, shell "
                    + "history); prefer the " + api.keyVariable + " variable");
        } else {
            key = environment.get(api.keyVariable);
            if (key == null || key.isEmpty()) {
                throw new UsageException("no API key: set " + api.keyVariable + " to your " + api.id
                        + " API key (or give --api-key, which other users can see)");
            }
        }
        ApiAccess access = new ApiAccess(api, options.value("--api-url"), key, sleeper);
        try {
            if (api == Api.EXA) {
                access.exa();
            } else {
                access.encrata();
            }
        } catch (IllegalArgumentException e) {
            // the clients' messages name the setting, never the key
            String source = options.value("--api-key") != null ? "--api-key" : api.keyVariable;
            throw new UsageException(e.getMessage().startsWith("The API key") || e.getMessage().startsWith("An API key")
                    ? source + ": " + e.getMessage() : "--api-url: " + e.getMessage());
        }
        return access;
    }

    ExaClient exa() {
        ExaClient.Builder builder = ExaClient.builder(key).sleeper(sleeper);
        if (url != null) {
            builder.baseUrl(url);
        }
        return builder.build();
    }

    EncrataClient encrata() {
        EncrataClient.Builder builder = EncrataClient.builder(key).sleeper(sleeper);
        if (url != null) {
            builder.baseUrl(url);
        }
        return builder.build();
    }
}
