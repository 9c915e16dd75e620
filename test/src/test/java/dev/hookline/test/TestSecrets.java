package dev.hookline.test;

import dev.hookline.Provider;
import dev.hookline.Providers;
import java.util.List;
import java.util.Map;

/** A secret of the right form for each built-in provider, and the providers in one list. */
public final class TestSecrets {

    public static final String EXA = "exa_kit_test_secret_4d2a91";
    public static final String ENCRATA = "whsec_6a0b1c2d3e4f5061728394a5b6c7d8e9f00112233445566778899aabbccddeef";
    /** base64 of the 32 bytes 0x20..0x3f. */
    public static final String STANDARD = "whsec_ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";
    public static final String SVIX = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public static final String STRIPE = "whsec_stripe_kit_0123456789abcdef";
    public static final String GITHUB = "github_kit_secret_0123456789";

    private static final Map<String, String> BY_NAME = Map.of("exa", EXA, "encrata", ENCRATA, "standard", STANDARD,
            "svix", SVIX, "stripe", STRIPE, "github", GITHUB);

    private TestSecrets() {
    }

    /** Every built-in provider. */
    public static List<Provider> providers() {
        return List.of(Providers.exa(), Providers.encrata(), Providers.standardWebhooks(), Providers.svix(),
                Providers.stripe(), Providers.github());
    }

    /** The test secret of a built-in provider. */
    public static String secret(Provider provider) {
        return BY_NAME.get(provider.name());
    }
}
