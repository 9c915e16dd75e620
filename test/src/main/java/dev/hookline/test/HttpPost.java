package dev.hookline.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Posts signed deliveries with the JDK's {@link HttpClient}. Stateless; thread-safe. */
final class HttpPost {

    /** Long enough for a slow build machine, short enough that a receiver that never answers fails the test. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private HttpPost() {
    }

    /** The client used when none is given, made on first use. */
    static HttpClient defaultClient() {
        return DefaultClient.CLIENT;
    }

    static WebhookResponse post(SignedDelivery delivery, URI url, HttpClient client) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        delivery.httpHeaders().forEach(request::header);
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return WebhookResponse.fromHttp(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not post the delivery to " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while posting the delivery to " + url, e);
        }
    }

    private static final class DefaultClient {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .build();
    }
}
