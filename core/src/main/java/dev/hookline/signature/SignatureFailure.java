package dev.hookline.signature;

import dev.hookline.delivery.Reason;
import java.util.Locale;

/** Why a delivery's signature did not verify. */
public enum SignatureFailure implements Reason {
    /** The signature header (or headers) the scheme needs is absent. */
    MISSING_SIGNATURE("The signature header is missing."),
    /** A signature header is present but cannot be parsed. */
    MALFORMED_SIGNATURE("The signature header is malformed."),
    /**
     * The signature is authentic but its timestamp is further from the time of receipt than the
     * tolerance allows, in the past (a replay) or in the future.
     */
    TIMESTAMP_OUTSIDE_TOLERANCE("The signed timestamp is outside the allowed tolerance."),
    /** No signature in the delivery matches the body under any configured secret. */
    NO_MATCHING_SIGNATURE("No signature matches the payload.");

    private final String description;

    SignatureFailure(String description) {
        this.description = description;
    }

    @Override
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String description() {
        return description;
    }
}
