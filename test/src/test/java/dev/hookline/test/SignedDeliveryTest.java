package dev.hookline.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.Outcome;
import dev.hookline.Provider;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.event.EventJson;
import dev.hookline.event.JsonEnvelope;
import dev.hookline.event.PayloadFailure;
import dev.hookline.event.WebhookEvent;
import dev.hookline.signature.SignatureFailure;
import dev.hookline.signature.SignatureSchemes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Deliveries built by the kit, judged by real endpoints of each built-in provider. */
class SignedDeliveryTest {

    private final List<WebhookEvent> handled = new CopyOnWriteArrayList<>();

    private WebhookEndpoint endpoint(Provider provider) {
        return WebhookEndpoint.builder(provider).secret(TestSecrets.secret(provider)).onAny(handled::add).build();
    }

    private static SignedDelivery.Builder builder(Provider provider) {
        return SignedDelivery.builder(provider, TestSecrets.secret(provider));
    }

    /** An event type each provider sends. */
    private static String typeOf(Provider provider) {
        return switch (provider.name()) {
            case "exa" -> "webset.created";
            case "encrata" -> "credits.low";
            case "standard" -> "invoice.paid";
            case "svix" -> "user.created";
            case "stripe" -> "charge.succeeded";
            case "github" -> "pull_request.opened";
            default -> throw new IllegalArgumentException(provider.name());
        };
    }

    static Stream<Provider> providers() {
        return TestSecrets.providers().stream();
    }

    static Stream<Provider> timestampSigners() {
        return providers().filter(provider -> provider.scheme().signsTimestamp());
    }

    @ParameterizedTest
    @MethodSource("providers")
    void anEventBuiltFromDataIsAcceptedByAnEndpointOfItsProviderAndHandledOnce(Provider provider) {
        WebhookEndpoint endpoint = endpoint(provider);
        SignedDelivery delivery = builder(provider).event(typeOf(provider), Map.of("id", "obj_1", "amount", 1200)).build();

        Outcome first = delivery.sendTo(endpoint);
        Outcome again = delivery.sendTo(endpoint);

        WebhookAssertions.assertAccepted(first);
        WebhookAssertions.assertDuplicate(again);
        assertThat(delivery.type()).isEqualTo(typeOf(provider));
        assertThat(delivery.eventId()).isNotBlank().isEqualTo(first.eventId());
        assertThat(first.eventType()).isEqualTo(typeOf(provider));
        assertThat(handled).hasSize(1);
        WebhookEvent event = handled.get(0);
        assertThat(event.id()).isEqualTo(delivery.eventId());
        JsonNode object = provider.equals(Providers.stripe()) ? event.data().get("object") : event.data();
        assertThat(object.get("id").stringValue()).isEqualTo("obj_1");
        assertThat(object.get("amount").intValue()).isEqualTo(1200);
    }

    @ParameterizedTest
    @MethodSource("providers")
    void eachBuildIsANewEvent(Provider provider) {
        WebhookEndpoint endpoint = endpoint(provider);
        SignedDelivery.Builder builder = builder(provider).event(typeOf(provider), Map.of("id", "obj_1"));
        SignedDelivery first = builder.build();
        if (provider.equals(Providers.encrata())) {
            builder.eventTime(Instant.now().minusSeconds(1)); // an Encrata event is its body: a new one needs another
        }
        SignedDelivery second = builder.build();

        WebhookAssertions.assertAccepted(first.sendTo(endpoint));
        WebhookAssertions.assertAccepted(second.sendTo(endpoint));
        assertThat(second.eventId()).isNotEqualTo(first.eventId());
    }

    @ParameterizedTest
    @MethodSource("providers")
    void aTamperedBodyIsRejectedForNoMatchingSignature(Provider provider) {
        SignedDelivery genuine = builder(provider).event(typeOf(provider), Map.of("id", "obj_1")).build();
        SignedDelivery tampered = builder(provider).event(typeOf(provider), Map.of("id", "obj_1")).tampered().build();

        WebhookAssertions.assertRejected(tampered.sendTo(endpoint(provider)), SignatureFailure.NO_MATCHING_SIGNATURE);
        assertThat(handled).isEmpty();
        assertThat(tampered.body()).hasSameSizeAs(genuine.body()).isNotEqualTo(genuine.body());
        assertThat(new String(tampered.body(), StandardCharsets.UTF_8)).doesNotContain("\uFFFD");
    }

    @ParameterizedTest
    @MethodSource("providers")
    void aWrongSecretIsRejectedForNoMatchingSignature(Provider provider) {
        SignedDelivery forged = builder(provider).event(typeOf(provider), Map.of("id", "obj_1")).wrongSecret().build();

        WebhookAssertions.assertRejected(forged.sendTo(endpoint(provider)), SignatureFailure.NO_MATCHING_SIGNATURE);
        assertThat(handled).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("timestampSigners")
    void aStaleDeliveryIsSignedOutsideTheDefaultTolerance(Provider provider) {
        Instant now = Instant.now();
        SignedDelivery stale = builder(provider).event(typeOf(provider), Map.of("id", "obj_1")).stale().build();

        WebhookAssertions.assertRejected(stale.sendTo(endpoint(provider)), SignatureFailure.TIMESTAMP_OUTSIDE_TOLERANCE);
        assertThat(signedSeconds(stale)).isBetween(now.minus(Duration.ofMinutes(10)).getEpochSecond() - 1,
                now.minus(Duration.ofMinutes(10)).getEpochSecond() + 60);
        assertThat(handled).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("timestampSigners")
    void aDeliveryStaleByLessThanTheToleranceIsAccepted(Provider provider) {
        SignedDelivery recent = builder(provider).event(typeOf(provider), Map.of("id", "obj_1"))
                .stale(Duration.ofMinutes(4)).build();

        WebhookAssertions.assertAccepted(recent.sendTo(endpoint(provider)));
    }

    @Test
    void aStaleEncrataEventHasAnOldCreatedAtAndIsRefusedForItsEventTime() {
        Instant now = Instant.now();
        SignedDelivery stale = builder(Providers.encrata()).sample("lookup.completed").stale().build();
        SignedDelivery twoDays = builder(Providers.encrata()).sample("lookup.completed").stale(Duration.ofDays(2)).build();

        WebhookAssertions.assertRejected(stale.sendTo(endpoint(Providers.encrata())),
                PayloadFailure.EVENT_TIME_OUTSIDE_TOLERANCE);
        WebhookAssertions.assertAccepted(twoDays.sendTo(endpoint(Providers.encrata())));
        Instant createdAt = Instant.parse(EventJson.mapper().readTree(stale.body()).get("created_at").stringValue());
        assertThat(createdAt).isBetween(now.minus(Duration.ofDays(4)).minusSeconds(1),
                now.minus(Duration.ofDays(4)).plusSeconds(60));
    }

    @Test
    void aGitHubDeliveryCannotBeStaleSinceNothingInItTellsItsAge() {
        assertThatThrownBy(() -> builder(Providers.github()).stale())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("github signs no time");
        assertThatThrownBy(() -> builder(Providers.github()).eventTime(Instant.now()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no event time");
    }

    @ParameterizedTest
    @MethodSource("providers")
    void aChosenEventIdIsTheOneTheEndpointKnows(Provider provider) {
        if (provider.equals(Providers.encrata())) {
            assertThatThrownBy(() -> builder(provider).eventId("evt_chosen"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("SHA-256");
            return;
        }
        SignedDelivery delivery = builder(provider).event(typeOf(provider), Map.of("id", "obj_1"))
                .eventId("evt_chosen_1").build();

        Outcome outcome = delivery.sendTo(endpoint(provider));

        WebhookAssertions.assertAccepted(outcome);
        assertThat(outcome.eventId()).isEqualTo("evt_chosen_1");
        assertThat(delivery.eventId()).isEqualTo("evt_chosen_1");
    }

    @Test
    void anEncrataEventIdIsTheDigestOfTheBody() throws Exception {
        SignedDelivery delivery = builder(Providers.encrata()).sample("credits.low").build();

        Outcome outcome = delivery.sendTo(endpoint(Providers.encrata()));

        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(delivery.body()));
        assertThat(outcome.eventId()).isEqualTo(digest).isEqualTo(delivery.eventId());
    }

    @ParameterizedTest
    @MethodSource("providers")
    void theEventTimeAndSigningTimeCanBeChosen(Provider provider) {
        Instant eventTime = Instant.parse("2026-03-01T10:15:30.123456Z");
        Instant signedAt = Instant.now().minusSeconds(90).truncatedTo(ChronoUnit.SECONDS);
        Clock clock = Clock.fixed(signedAt.plusSeconds(90), ZoneOffset.UTC);
        WebhookEndpoint endpoint = WebhookEndpoint.builder(provider).secret(TestSecrets.secret(provider)).clock(clock)
                .withoutEventAgeCheck().onAny(handled::add).build();
        SignedDelivery.Builder builder = builder(provider).event(typeOf(provider), Map.of("id", "obj_1")).signedAt(signedAt);
        if (!provider.equals(Providers.github())) {
            builder.eventTime(eventTime);
        }

        SignedDelivery delivery = builder.build();

        WebhookAssertions.assertAccepted(delivery.sendTo(endpoint));
        Instant createdAt = handled.get(0).createdAt();
        switch (provider.name()) {
            case "exa", "encrata", "standard" -> assertThat(createdAt).isEqualTo(eventTime.truncatedTo(ChronoUnit.MILLIS));
            case "stripe" -> assertThat(createdAt).isEqualTo(eventTime.truncatedTo(ChronoUnit.SECONDS));
            default -> assertThat(createdAt).as("the envelope reads no time").isNull();
        }
        if (provider.scheme().signsTimestamp()) {
            assertThat(signedSeconds(delivery)).isEqualTo(signedAt.getEpochSecond());
        }
    }

    @Test
    void theEventTimeFollowsTheSigningTimeUnlessSet() {
        Instant signedAt = Instant.now().minusSeconds(30);
        SignedDelivery delivery = builder(Providers.exa()).sample("webset.idle").signedAt(signedAt).build();

        WebhookAssertions.assertAccepted(delivery.sendTo(endpoint(Providers.exa())));
        assertThat(handled.get(0).createdAt()).isEqualTo(signedAt.truncatedTo(ChronoUnit.MILLIS));
    }

    static Stream<Arguments> samples() {
        return Stream.of(Providers.exa(), Providers.encrata())
                .flatMap(provider -> SamplePayloads.types(provider).stream().map(type -> Arguments.of(provider, type)));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySamplePayloadIsAcceptedAsANewEventAndBindsToItsCatalogueType(Provider provider, String type) {
        List<Object> bound = new CopyOnWriteArrayList<>();
        WebhookEndpoint endpoint = WebhookEndpoint.builder(provider).secret(TestSecrets.secret(provider))
                .on(provider.catalog().find(type).orElseThrow(), bound::add).build();
        SignedDelivery first = builder(provider).sample(type).build();
        SignedDelivery second = builder(provider).sample(type).eventTime(Instant.now().minusSeconds(1)).build();

        WebhookAssertions.assertAccepted(first.sendTo(endpoint));
        WebhookAssertions.assertAccepted(second.sendTo(endpoint));
        assertThat(first.type()).isEqualTo(type);
        assertThat(first.eventId()).isNotEqualTo(second.eventId());
        assertThat(bound).hasSize(2).doesNotContainNull();
        JsonNode sent = EventJson.mapper().readTree(first.body());
        assertThat(sent.get("data")).isEqualTo(SamplePayloads.data(provider, type));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void aRecordSentAsAnEventBindsBackToAnEqualRecord(Provider provider, String type) {
        @SuppressWarnings("unchecked")
        dev.hookline.event.EventType<Object> eventType =
                (dev.hookline.event.EventType<Object>) provider.catalog().find(type).orElseThrow();
        Object record = EventJson.mapper().treeToValue(SamplePayloads.data(provider, type), eventType.dataType());
        List<Object> bound = new CopyOnWriteArrayList<>();
        WebhookEndpoint endpoint = WebhookEndpoint.builder(provider).secret(TestSecrets.secret(provider))
                .on(eventType, bound::add).build();

        SignedDelivery delivery = builder(provider).event(eventType, record).build();

        WebhookAssertions.assertAccepted(delivery.sendTo(endpoint));
        assertThat(bound).containsExactly(record);
    }

    @Test
    void aStandardWebhooksEventCanCarryTheDataOfASample() {
        WebhookEndpoint endpoint = endpoint(Providers.standardWebhooks());
        SignedDelivery delivery = builder(Providers.standardWebhooks())
                .event("webset.item.created", SamplePayloads.data(Providers.exa(), "webset.item.created")).build();

        WebhookAssertions.assertAccepted(delivery.sendTo(endpoint));
        assertThat(handled.get(0).data()).isEqualTo(SamplePayloads.data(Providers.exa(), "webset.item.created"));
        assertThat(delivery.headers().first("webhook-id")).isEqualTo(delivery.eventId()).startsWith("msg_");
    }

    @Test
    void aGitHubEventNamesItsEventInAHeaderAndItsActionInTheBody() {
        SignedDelivery delivery = builder(Providers.github()).event("pull_request.opened", Map.of("number", 7)).build();

        WebhookAssertions.assertAccepted(delivery.sendTo(endpoint(Providers.github())));
        assertThat(delivery.headers().first("X-GitHub-Event")).isEqualTo("pull_request");
        assertThat(delivery.headers().first("X-GitHub-Delivery")).isEqualTo(delivery.eventId());
        assertThat(EventJson.mapper().readTree(delivery.body()).get("action").stringValue()).isEqualTo("opened");
        assertThat(handled.get(0).baseType()).isEqualTo("pull_request");
        assertThatThrownBy(() -> builder(Providers.github())
                .event("pull_request.opened", Map.of("action", "closed")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
    }

    @Test
    void aStripeObjectIsWrappedAsDataObjectUnlessGivenAsStripeData() {
        record Charge(String id, long amount) {
        }
        SignedDelivery wrapped = builder(Providers.stripe()).event("charge.succeeded", new Charge("ch_1", 1200)).build();
        SignedDelivery whole = builder(Providers.stripe())
                .event("charge.succeeded", new dev.hookline.stripe.StripeData<>(new Charge("ch_2", 5), null)).build();

        JsonNode first = EventJson.mapper().readTree(wrapped.body());
        JsonNode second = EventJson.mapper().readTree(whole.body());
        assertThat(first.get("object").stringValue()).isEqualTo("event");
        assertThat(first.get("created").isIntegralNumber()).isTrue();
        assertThat(first.get("data").get("object").get("id").stringValue()).isEqualTo("ch_1");
        assertThat(second.get("data").get("object").get("id").stringValue()).isEqualTo("ch_2");
    }

    @Test
    void aRawBodyIsSignedExactlyAsGiven() {
        String json = "{ \"id\" : \"event_raw_1\", \"type\": \"webset.idle\", \"data\": {\"id\": \"webset_1\"},"
                + " \"createdAt\": \"" + Instant.now() + "\" }";
        SignedDelivery delivery = builder(Providers.exa()).json(json).build();

        Outcome outcome = delivery.sendTo(endpoint(Providers.exa()));

        WebhookAssertions.assertAccepted(outcome);
        assertThat(delivery.body()).isEqualTo(json.getBytes(StandardCharsets.UTF_8));
        assertThat(delivery.eventId()).isEqualTo("event_raw_1");
        assertThat(delivery.type()).isEqualTo("webset.idle");
    }

    @Test
    void aRawBodyTakesAnIdOnlyWhereTheIdIsAHeader() {
        SignedDelivery standard = builder(Providers.standardWebhooks())
                .json("{\"type\":\"invoice.paid\",\"data\":{}}").eventId("msg_raw_1").build();

        WebhookAssertions.assertAccepted(standard.sendTo(endpoint(Providers.standardWebhooks())));
        assertThat(standard.eventId()).isEqualTo("msg_raw_1");
        assertThatThrownBy(() -> builder(Providers.exa()).json("{}").eventId("event_1").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("put the event id in the body");
        assertThatThrownBy(() -> builder(Providers.exa()).json("{}").eventTime(Instant.now()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("put the event time in the body");
        assertThatThrownBy(() -> builder(Providers.encrata()).json("{}").stale().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("put the event time in the body");
    }

    @Test
    void aRawGitHubBodyNeedsItsEventHeader() {
        String push = "{\"ref\":\"refs/heads/main\"}";
        assertThatThrownBy(() -> builder(Providers.github()).json(push).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("X-GitHub-Event");

        SignedDelivery delivery = builder(Providers.github()).json(push).header("X-GitHub-Event", "push")
                .eventId("d-1").build();

        WebhookAssertions.assertAccepted(delivery.sendTo(endpoint(Providers.github())));
        assertThat(delivery.type()).isEqualTo("push");
        assertThat(delivery.eventId()).isEqualTo("d-1");
    }

    @Test
    void anyOtherProviderGetsRawBodiesSignedByItsScheme() {
        Provider acme = new Provider("acme", SignatureSchemes.hexHmac("X-Acme-Signature", "sha256="),
                JsonEnvelope.builder().idField("id").typeField("kind").dataField("payload").build());
        String secret = "acme_secret_0123456789abcdef";
        WebhookEndpoint endpoint = WebhookEndpoint.builder(acme).secret(secret).onAny(handled::add).build();

        SignedDelivery delivery = SignedDelivery.builder(acme, secret)
                .json("{\"id\":\"a1\",\"kind\":\"order.shipped\",\"payload\":{}}").build();
        SignedDelivery tampered = SignedDelivery.builder(acme, secret)
                .json("{\"id\":\"a2\",\"kind\":\"order.shipped\",\"payload\":{}}").tampered().build();
        SignedDelivery forged = SignedDelivery.builder(acme, secret)
                .json("{\"id\":\"a3\",\"kind\":\"order.shipped\",\"payload\":{}}").wrongSecret().build();

        WebhookAssertions.assertAccepted(delivery.sendTo(endpoint));
        WebhookAssertions.assertRejected(tampered.sendTo(endpoint), SignatureFailure.NO_MATCHING_SIGNATURE);
        WebhookAssertions.assertRejected(forged.sendTo(endpoint), SignatureFailure.NO_MATCHING_SIGNATURE);
        assertThat(delivery.type()).isEqualTo("order.shipped");
        assertThatThrownBy(() -> SignedDelivery.builder(acme, secret).event("order.shipped", Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("built-in providers only");
        assertThatThrownBy(() -> SignedDelivery.builder(acme, secret).stale())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("acme signs no time");
    }

    @Test
    void addedHeadersArrivePastTheOnesTheKitMakesAndReplaceThem() {
        SignedDelivery delivery = builder(Providers.exa()).sample("webset.idle")
                .header("User-Agent", "Exa-Webhooks/1.0").header("content-type", "application/json; charset=utf-8")
                .build();

        assertThat(delivery.httpHeaders().keySet()).containsExactly("Exa-Signature", "User-Agent", "content-type");
        assertThat(delivery.headers().first("Content-Type")).isEqualTo("application/json; charset=utf-8");
        WebhookAssertions.assertAccepted(delivery.sendTo(endpoint(Providers.exa())));
    }

    @Test
    void mistakesInTheBuilderAreExplained() {
        assertThatThrownBy(() -> builder(Providers.exa()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Nothing to send");
        assertThatThrownBy(() -> builder(Providers.exa()).sample("webset.idle").json("{}"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already given, by sample(webset.idle)");
        assertThatThrownBy(() -> builder(Providers.exa()).sample("webset.item.crated"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'webset.item.crated'");
        assertThatThrownBy(() -> builder(Providers.stripe()).sample("charge.succeeded"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Exa and Encrata only");
        assertThatThrownBy(() -> builder(Providers.exa()).sample("webset.idle").stale().signedAt(Instant.now()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("signedAt");
        assertThatThrownBy(() -> SignedDelivery.builder(Providers.standardWebhooks(), "whsec_not*base64"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("not*base64");
    }

    @ParameterizedTest
    @MethodSource("providers")
    void theDescriptionShowsNeitherTheBodyNorASignature(Provider provider) {
        SignedDelivery delivery = builder(provider).event(typeOf(provider), Map.of("note", "payload-marker-9e1")).build();

        String text = delivery.toString();

        assertThat(text).contains(provider.name(), typeOf(provider)).doesNotContain("payload-marker-9e1",
                TestSecrets.secret(provider));
        delivery.httpHeaders().forEach((name, value) -> {
            if (name.toLowerCase(java.util.Locale.ROOT).contains("signature")) {
                assertThat(text).doesNotContain(value);
            }
        });
    }

    /** The {@code t=} or {@code *-timestamp} the delivery was signed with. */
    private static long signedSeconds(SignedDelivery delivery) {
        for (Map.Entry<String, String> header : delivery.httpHeaders().entrySet()) {
            String name = header.getKey().toLowerCase(java.util.Locale.ROOT);
            if (name.endsWith("-timestamp")) {
                return Long.parseLong(header.getValue());
            }
            if (name.endsWith("-signature") && header.getValue().startsWith("t=")) {
                return Long.parseLong(header.getValue().substring(2, header.getValue().indexOf(',')));
            }
        }
        throw new AssertionError("no signed timestamp in " + delivery.httpHeaders().keySet());
    }
}
