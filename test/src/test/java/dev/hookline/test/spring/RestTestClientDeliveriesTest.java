package dev.hookline.test.spring;

import static dev.hookline.test.WebhookAssertions.assertAcknowledged;
import static dev.hookline.test.WebhookAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.signature.SignatureFailure;
import dev.hookline.test.SignedDelivery;
import dev.hookline.test.TestReceiver;
import dev.hookline.test.TestSecrets;
import dev.hookline.test.WebhookResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** Deliveries through RestTestClient, bound to MockMvc and to a running server. */
class RestTestClientDeliveriesTest {

    private final List<String> handled = new CopyOnWriteArrayList<>();

    private WebhookEndpoint endpoint() {
        return WebhookEndpoint.builder(Providers.standardWebhooks()).secret(TestSecrets.STANDARD)
                .onAny(event -> handled.add(event.id())).build();
    }

    private static SignedDelivery.Builder invoicePaid() {
        return SignedDelivery.builder(Providers.standardWebhooks(), TestSecrets.STANDARD)
                .event("invoice.paid", Map.of("invoice", "in_1", "amount", 4200));
    }

    @Test
    void boundToMockMvc() {
        RestTestClient client = RestTestClient.bindTo(MockMvcBuilders.standaloneSetup(new Pages())
                .addFilter(new ReceivingFilter(endpoint()), "/webhooks/standard").build()).build();
        SignedDelivery delivery = invoicePaid().eventId("msg_mockmvc_1").build();

        assertThat(RestTestClientDeliveries.send(client, "/webhooks/standard", delivery))
                .isEqualTo(new WebhookResponse(204, null));
        assertRefused(RestTestClientDeliveries.send(client, "/webhooks/standard", invoicePaid().stale().build()),
                401, SignatureFailure.TIMESTAMP_OUTSIDE_TOLERANCE);
        RestTestClientDeliveries.post(client, "/webhooks/standard", invoicePaid().tampered().build())
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.reason").isEqualTo("no_matching_signature");
        assertThat(handled).containsExactly("msg_mockmvc_1");
    }

    @Test
    void boundToARunningServer() throws Exception {
        try (TestReceiver receiver = TestReceiver.start(endpoint())) {
            RestTestClient client = RestTestClient.bindToServer(new JdkClientHttpRequestFactory())
                    .baseUrl(receiver.uri("").toString()).build();
            SignedDelivery delivery = invoicePaid().eventId("msg_server_1").build();

            assertAcknowledged(RestTestClientDeliveries.send(client, TestReceiver.PATH, delivery));
            assertAcknowledged(RestTestClientDeliveries.send(client, receiver.uri().toString(), delivery));
            assertRefused(RestTestClientDeliveries.send(client, TestReceiver.PATH, invoicePaid().wrongSecret().build()),
                    401, SignatureFailure.NO_MATCHING_SIGNATURE);
            RestTestClientDeliveries.post(client, TestReceiver.PATH, invoicePaid().tampered().build())
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType("application/problem+json")
                    .expectBody().jsonPath("$.reason").isEqualTo("no_matching_signature");
            assertThat(handled).containsExactly("msg_server_1");
            assertThat(receiver.bodies().get(0)).isEqualTo(delivery.body());
        }
    }
}
