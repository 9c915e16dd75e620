package dev.hookline.test.spring;

import dev.hookline.test.SignedDelivery;
import dev.hookline.test.WebhookResponse;
import java.util.Objects;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Sends signed deliveries through Spring Framework 7's {@link RestTestClient}, bound to {@code MockMvc}
 * ({@link RestTestClient#bindTo}) or to a running server ({@link RestTestClient#bindToServer()}).
 *
 * <pre>{@code
 * RestTestClient client = RestTestClient.bindToServer(new JdkClientHttpRequestFactory())
 *         .baseUrl("http://localhost:" + port).build();
 * assertAcknowledged(RestTestClientDeliveries.send(client, "/webhooks/exa", delivery));
 *
 * RestTestClientDeliveries.post(client, "/webhooks/exa", tampered)     // or with Spring's own expectations
 *         .expectStatus().isUnauthorized()
 *         .expectBody().jsonPath("$.reason").isEqualTo("no_matching_signature");
 * }</pre>
 *
 * <p>Stateless; thread-safe.
 */
public final class RestTestClientDeliveries {

    private RestTestClientDeliveries() {
    }

    /**
     * Posts the delivery's headers and exact body.
     *
     * @param client the client
     * @param uri the webhook's address, relative to the client's base URL or absolute
     * @param delivery what to post
     * @return the response, for Spring's expectations
     */
    public static RestTestClient.ResponseSpec post(RestTestClient client, String uri, SignedDelivery delivery) {
        Objects.requireNonNull(uri, "uri");
        RestTestClient.RequestBodySpec request = Objects.requireNonNull(client, "client").post().uri(uri);
        delivery.httpHeaders().forEach((name, value) -> {
            if (name.equalsIgnoreCase("Content-Type")) {
                request.contentType(MediaType.parseMediaType(value));
            } else {
                request.header(name, value);
            }
        });
        return request.body(delivery.body()).exchange();
    }

    /**
     * Posts the delivery and reads the answer.
     *
     * @param client the client
     * @param uri the webhook's address, relative to the client's base URL or absolute
     * @param delivery what to post
     * @return the status and the problem's reason
     */
    public static WebhookResponse send(RestTestClient client, String uri, SignedDelivery delivery) {
        EntityExchangeResult<byte[]> result = post(client, uri, delivery).returnResult(byte[].class);
        MediaType contentType = result.getResponseHeaders().getContentType();
        return WebhookResponse.fromHttp(result.getStatus().value(), contentType == null ? null : contentType.toString(),
                result.getResponseBody());
    }
}
