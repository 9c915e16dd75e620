package dev.hookline.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.Outcome;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.dedupe.Deduplicator;
import dev.hookline.dedupe.InMemoryDeduplicator;
import dev.hookline.dedupe.MutableClock;
import dev.hookline.delivery.Delivery;
import dev.hookline.event.PayloadFailure;
import dev.hookline.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Encrata signs no timestamp: a captured delivery is refused once its event is too old, and never forgotten before. */
class ReplayWindowTest {

    private static final String SECRET = "whsec_6cce5d5445b12e649ce9e715a2ef4addc9117d6bf3013a0f388997ed20711b1c";
    private static final Instant CREATED = Instant.parse("2026-05-02T12:00:00Z");

    private final MutableClock clock = new MutableClock(CREATED.plusSeconds(2));

    private WebhookEndpoint.Builder encrata() {
        return WebhookEndpoint.builder(Providers.encrata()).secret(SECRET).clock(clock).onAny(event -> { });
    }

    private static Delivery captured() {
        byte[] body = ("{\"event\":\"lookup.completed\",\"data\":{\"email\":\"a@example.com\",\"lookup_id\":\"lu_1\"},"
                + "\"created_at\":\"" + CREATED + "\"}").getBytes(StandardCharsets.UTF_8);
        return Delivery.of(WebhookSigner.of(Providers.encrata().scheme(), SECRET).headers(body, CREATED, null), body);
    }

    @Test
    void aCapturedEncrataDeliveryIsRecognisedWithinThreeDaysAndRefusedAfter() {
        WebhookEndpoint endpoint = encrata().build();
        Delivery captured = captured();

        assertThat(endpoint.receive(captured).status()).isEqualTo(Outcome.Status.ACCEPTED);
        clock.advance(Duration.ofHours(25));
        assertThat(endpoint.receive(captured).status()).isEqualTo(Outcome.Status.DUPLICATE);
        clock.advance(Duration.ofHours(24));
        assertThat(endpoint.receive(captured).status()).isEqualTo(Outcome.Status.DUPLICATE);
        clock.advance(Duration.ofHours(23));
        Outcome late = endpoint.receive(captured); // three days and two seconds after the event
        assertThat(late.status()).isEqualTo(Outcome.Status.REJECTED);
        assertThat(late.reason()).isEqualTo(PayloadFailure.EVENT_TIME_OUTSIDE_TOLERANCE);
    }

    @Test
    void anEncrataEventDatedMoreThanThreeDaysAheadIsRefused() {
        clock.advance(Duration.ofDays(-3).minusSeconds(3));

        Outcome outcome = encrata().build().receive(captured());

        assertThat(outcome.status()).isEqualTo(Outcome.Status.REJECTED);
        assertThat(outcome.reason()).isEqualTo(PayloadFailure.EVENT_TIME_OUTSIDE_TOLERANCE);
    }

    @Test
    void theEncrataProviderSaysItsWindow() {
        assertThat(Providers.encrata().maxEventAge()).isEqualTo(Duration.ofDays(3));
        assertThat(Providers.exa().maxEventAge()).isNull();
        assertThat(Providers.standardWebhooks().maxEventAge()).isNull();
    }

    @Test
    void aStoreThatWouldForgetWithinTheWindowIsRefusedNamingBothSettings() {
        Deduplicator forgetful = InMemoryDeduplicator.builder().retention(Duration.ofHours(24)).build();

        assertThatThrownBy(() -> encrata().deduplicator(forgetful).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Endpoint 'encrata': the deduplicator's retention (PT24H) is shorter than the endpoint's "
                        + "replay window (PT72H, the maxEventAge): a replayed delivery could be accepted after its "
                        + "event is forgotten. Lengthen the retention or shorten the window.");
        assertThatThrownBy(() -> WebhookEndpoint.builder(Providers.exa()).secret("exa_secret_0123456789")
                        .tolerance(Duration.ofDays(2)).deduplicator(forgetful).build())
                .hasMessageContaining("(PT48H, the timestamp tolerance)");
    }

    @Test
    void aStoreThatRemembersLongEnoughOrAnExplicitlyShorterWindowIsAccepted() {
        Deduplicator longEnough = InMemoryDeduplicator.builder().retention(Duration.ofDays(3)).build();
        Deduplicator day = InMemoryDeduplicator.builder().retention(Duration.ofHours(24)).build();

        assertThat(encrata().deduplicator(longEnough).build()).isNotNull();
        assertThat(encrata().deduplicator(day).maxEventAge(Duration.ofHours(12)).build()).isNotNull();
        assertThat(encrata().deduplicator(Deduplicator.none()).build()).isNotNull();
    }

    @Test
    void withoutTheEventAgeCheckAnOldEventIsAccepted() {
        clock.advance(Duration.ofDays(30));

        assertThat(encrata().withoutEventAgeCheck().build().receive(captured()).status())
                .isEqualTo(Outcome.Status.ACCEPTED);
    }

    @Test
    void twoEndpointsSharingAStoreNeverSuppressEachOthersEvents() {
        InMemoryDeduplicator shared = InMemoryDeduplicator.create();
        String exaSecret = "exa_secret_0123456789";
        String standardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        WebhookEndpoint exa = WebhookEndpoint.builder(Providers.exa()).secret(exaSecret).clock(clock)
                .deduplicator(shared).onAny(event -> { }).build();
        WebhookEndpoint standard = WebhookEndpoint.builder(Providers.standardWebhooks()).secret(standardSecret)
                .clock(clock).deduplicator(shared).onAny(event -> { }).build();
        byte[] exaBody = ("{\"id\":\"evt_42\",\"type\":\"webset.created\",\"data\":{},\"createdAt\":\"" + CREATED + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] standardBody = "{\"type\":\"user.created\",\"timestamp\":\"2026-05-02T12:00:00Z\",\"data\":{}}"
                .getBytes(StandardCharsets.UTF_8);
        Delivery toExa = Delivery.of(WebhookSigner.of(Providers.exa().scheme(), exaSecret)
                .headers(exaBody, clock.instant(), null), exaBody);
        Delivery toStandard = Delivery.of(WebhookSigner.of(Providers.standardWebhooks().scheme(), standardSecret)
                .headers(standardBody, clock.instant(), "evt_42"), standardBody);

        assertThat(standard.receive(toStandard).status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(exa.receive(toExa).status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(standard.receive(toStandard).status()).isEqualTo(Outcome.Status.DUPLICATE);
        assertThat(exa.receive(toExa).status()).isEqualTo(Outcome.Status.DUPLICATE);
        assertThat(shared.completedCount()).isEqualTo(2);
    }
}
