package dev.hookline.test;

import static dev.hookline.test.WebhookAssertions.assertAcknowledged;
import static dev.hookline.test.WebhookAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.Provider;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.event.PayloadFailure;
import dev.hookline.signature.SignatureFailure;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Deliveries posted over real HTTP, to the JDK's own server handing them to an endpoint. */
class HttpDeliveryTest {

    private final List<String> handled = new CopyOnWriteArrayList<>();

    private TestReceiver receiver(Provider provider) throws Exception {
        return TestReceiver.start(WebhookEndpoint.builder(provider).secret(TestSecrets.secret(provider))
                .onAny(event -> handled.add(event.id())).build());
    }

    @ParameterizedTest
    @MethodSource("dev.hookline.test.SignedDeliveryTest#providers")
    void aGenuineDeliveryIsAcknowledgedOnceAndArrivesByteForByte(Provider provider) throws Exception {
        try (TestReceiver receiver = receiver(provider)) {
            SignedDelivery delivery = SignedDelivery.builder(provider, TestSecrets.secret(provider))
                    .event("thing.happened", Map.of("id", "obj_1")).build();

            WebhookResponse first = delivery.postTo(receiver.uri());
            WebhookResponse again = delivery.postTo(receiver.uri());

            assertThat(first).isEqualTo(new WebhookResponse(204, null));
            assertAcknowledged(again);
            assertThat(handled).containsExactly(delivery.eventId());
            assertThat(receiver.bodies()).hasSize(2).allSatisfy(body -> assertThat(body).isEqualTo(delivery.body()));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.hookline.test.SignedDeliveryTest#providers")
    void forgeriesAreRefusedWithTheProblemsReason(Provider provider) throws Exception {
        try (TestReceiver receiver = receiver(provider)) {
            SignedDelivery tampered = SignedDelivery.builder(provider, TestSecrets.secret(provider))
                    .event("thing.happened", Map.of("id", "obj_1")).tampered().build();
            SignedDelivery forged = SignedDelivery.builder(provider, TestSecrets.secret(provider))
                    .event("thing.happened", Map.of("id", "obj_1")).wrongSecret().build();

            assertRefused(tampered.postTo(receiver.uri()), 401, SignatureFailure.NO_MATCHING_SIGNATURE);
            assertRefused(forged.postTo(receiver.uri()), 401, SignatureFailure.NO_MATCHING_SIGNATURE);
            assertThat(handled).isEmpty();
        }
    }

    @Test
    void staleDeliveriesAreRefusedForTheirTime() throws Exception {
        try (TestReceiver exa = receiver(Providers.exa()); TestReceiver encrata = receiver(Providers.encrata())) {
            assertRefused(SignedDelivery.builder(Providers.exa(), TestSecrets.EXA).sample("webset.created").stale()
                    .build().postTo(exa.uri()), 401, SignatureFailure.TIMESTAMP_OUTSIDE_TOLERANCE);
            assertRefused(SignedDelivery.builder(Providers.encrata(), TestSecrets.ENCRATA).sample("credits.low").stale()
                    .build().postTo(encrata.uri()), 401, PayloadFailure.EVENT_TIME_OUTSIDE_TOLERANCE);
        }
    }

    @Test
    void anAnswerWithoutAProblemHasNoReason() throws Exception {
        try (TestReceiver receiver = receiver(Providers.exa())) {
            SignedDelivery delivery = SignedDelivery.builder(Providers.exa(), TestSecrets.EXA).sample("webset.idle").build();

            assertThat(delivery.postTo(receiver.uri("/plain"))).isEqualTo(new WebhookResponse(400, null));
        }
    }

    @Test
    void aClientOfTheTestsOwnCanSend() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (TestReceiver receiver = receiver(Providers.github())) {
            SignedDelivery delivery = SignedDelivery.builder(Providers.github(), TestSecrets.GITHUB)
                    .event("push", Map.of("ref", "refs/heads/main")).build();

            assertAcknowledged(delivery.postTo(receiver.uri(), client));
        }
    }

    @Test
    void aServerThatIsNotThereIsAnUncheckedIoException() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SignedDelivery delivery = SignedDelivery.builder(Providers.exa(), TestSecrets.EXA).sample("webset.idle").build();

        assertThatThrownBy(() -> delivery.postTo(URI.create("http://127.0.0.1:" + closedPort + "/webhooks/exa")))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("Could not post the delivery to");
    }
}
