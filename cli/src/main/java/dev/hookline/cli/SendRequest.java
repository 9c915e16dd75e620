package dev.hookline.cli;

import dev.hookline.signature.Secrets;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * What to send: one sample event, signed for a provider, posted to a URL, perhaps spoiled on purpose.
 *
 * <p>{@link #toString()} never shows the secret.
 *
 * @param provider whose signature and envelope to use
 * @param event the event type, one of {@link SamplePayloads#events(SampleProvider)}
 * @param url where to post it
 * @param secret the signing secret, in the provider's form
 * @param tamper change one byte of the body after signing, so the receiver must refuse it
 * @param oldTimestamp sign as of ten minutes ago, past the receiver's five-minute tolerance
 * @param twice post the very same signed delivery twice, as a provider's retry would
 */
public record SendRequest(SampleProvider provider, String event, URI url, String secret,
                          boolean tamper, boolean oldTimestamp, boolean twice) {

    /**
     * Checks the request, with messages fit for the command line.
     *
     * @throws IllegalArgumentException if the event is unknown, the URL is not http(s), the secret does
     *     not suit the provider, or an old timestamp is asked of a provider that signs none
     */
    public SendRequest {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        if (!SamplePayloads.events(provider).contains(event)) {
            throw new IllegalArgumentException("unknown " + provider.id() + " event '" + event
                    + "'; --list shows the events");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("--url must be an absolute http:// or https:// URL, was '" + url + "'");
        }
        Secrets.key(provider.scheme(), secret, "--secret"); // its message names the option, never the secret
        if (oldTimestamp && !provider.signsTimestamp()) {
            throw new IllegalArgumentException("--old-timestamp does not apply to " + provider.id() + ": "
                    + provider.id() + " signs the body alone, with no timestamp, so there is no signed time to "
                    + "make old. A receiver catches its replays by deduplicating on a digest of the body, and "
                    + "can bound the envelope's created_at with WebhookEndpoint.Builder.maxEventAge.");
        }
    }

    /**
     * A plain request signed with the provider's demo secret, nothing spoiled.
     *
     * @param provider whose signature and envelope to use
     * @param event the event type
     * @param url where to post it
     * @return the request
     */
    public static SendRequest of(SampleProvider provider, String event, URI url) {
        return new SendRequest(provider, event, url, provider.demoSecret(), false, false, false);
    }

    /** This request signed with another secret. */
    public SendRequest withSecret(String otherSecret) {
        return new SendRequest(provider, event, url, otherSecret, tamper, oldTimestamp, twice);
    }

    /** This request with its body changed after signing. */
    public SendRequest withTamper() {
        return new SendRequest(provider, event, url, secret, true, oldTimestamp, twice);
    }

    /** This request signed as of ten minutes ago. */
    public SendRequest withOldTimestamp() {
        return new SendRequest(provider, event, url, secret, tamper, true, twice);
    }

    /** This request posted twice. */
    public SendRequest withTwice() {
        return new SendRequest(provider, event, url, secret, tamper, oldTimestamp, true);
    }

    /** Whether a correct receiver must refuse this delivery with 401. */
    public boolean expectsRefusal() {
        return tamper || oldTimestamp;
    }

    @Override
    public String toString() {
        return "SendRequest[provider=" + provider.id() + ", event=" + event + ", url=" + url
                + ", tamper=" + tamper + ", oldTimestamp=" + oldTimestamp + ", twice=" + twice + "]";
    }
}
