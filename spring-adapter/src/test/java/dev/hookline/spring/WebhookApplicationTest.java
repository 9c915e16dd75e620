package dev.hookline.spring;

import static dev.hookline.spring.TestDeliveries.ENCRATA_SECRET;
import static dev.hookline.spring.TestDeliveries.EXA_SECRET;
import static dev.hookline.test.WebhookAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.Providers;
import dev.hookline.encrata.EncrataEvents;
import dev.hookline.encrata.LookupCompleted;
import dev.hookline.event.PayloadFailure;
import dev.hookline.exa.ExaEvents;
import dev.hookline.signature.SignatureFailure;
import dev.hookline.test.SignedDelivery;
import dev.hookline.test.WebhookResponse;
import dev.hookline.test.spring.RestTestClientDeliveries;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The starter in a real application on Tomcat, behind Spring Security with its defaults, with Micrometer: signed
 * deliveries over HTTP, exactly as a sender makes them (most made with the hookline-test kit).
 */
@SpringBootTest(classes = WebhookApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "hookline.endpoints.exa.path=/webhooks/exa",
                "hookline.endpoints.exa.secrets[0]=" + EXA_SECRET,
                "hookline.endpoints.encrata.path=/webhooks/encrata",
                "hookline.endpoints.encrata.secrets[0]=" + ENCRATA_SECRET,
                "hookline.endpoints.metered.provider=exa",
                "hookline.endpoints.metered.path=/webhooks/metered",
                "hookline.endpoints.metered.secrets[0]=" + EXA_SECRET,
                "hookline.endpoints.metered.max-body-size=2KB",
                "spring.security.user.name=admin",
                "spring.security.user.password=" + WebhookApplicationTest.PASSWORD,
                "spring.main.banner-mode=off",
                // Jetty is on the test classpath too, for the tests that run on both containers
                "spring.autoconfigure.exclude="
                        + "org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration" })
@ExtendWith(OutputCaptureExtension.class)
class WebhookApplicationTest {

    static final String PASSWORD = "app-password-2b7d";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    @LocalServerPort
    int port;

    @Autowired
    WebhookApplication.ExaHandlers exa;

    @Autowired
    WebhookApplication.EncrataHandlers encrata;

    @Autowired
    WebhookApplication.FlakyHandlers flaky;

    @Autowired
    MeterRegistry registry;

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(TIMEOUT);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request);
    }

    private URI webhook(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** An Exa item whose data carries the payload marker, as a test of what a refusal discloses needs. */
    private static SignedDelivery.Builder exaItem(String eventId, String itemId) {
        return SignedDelivery.builder(Providers.exa(), EXA_SECRET)
                .event(ExaEvents.Names.WEBSET_ITEM_CREATED, Map.of("id", itemId, "object", "webset_item",
                        "note", TestDeliveries.PAYLOAD_MARKER))
                .eventId(eventId);
    }

    @Test
    void typedListenersReceiveTheirRecordsAndRedeliveriesAreHandledOnce() {
        SignedDelivery item = exaItem("evt_http_item", "witem_http_1").build();
        SignedDelivery lookup = SignedDelivery.builder(Providers.encrata(), ENCRATA_SECRET)
                .event(EncrataEvents.LOOKUP_COMPLETED, new LookupCompleted("grace@example.com", "lu_http_1", null))
                .build();

        assertThat(item.postTo(webhook("/webhooks/exa"))).isEqualTo(new WebhookResponse(204, null));
        assertThat(item.postTo(webhook("/webhooks/exa"))).as("the retry").isEqualTo(new WebhookResponse(204, null));
        assertThat(lookup.postTo(webhook("/webhooks/encrata"))).isEqualTo(new WebhookResponse(204, null));

        assertThat(exa.items).containsOnlyOnce("witem_http_1");
        assertThat(exa.everything).containsOnlyOnce("webset.item.created/evt_http_item");
        assertThat(encrata.lookups).containsOnlyOnce("grace@example.com");
    }

    @Test
    void forgeriesAndReplaysAre401FromHooklineItself() throws Exception {
        // the JDK's client: Jetty's, which RestClient prefers when present, refuses a 401 without WWW-Authenticate
        RestTestClient client = RestTestClient.bindToServer(new JdkClientHttpRequestFactory())
                .baseUrl("http://127.0.0.1:" + port).build();
        SignedDelivery staleLookup = SignedDelivery.builder(Providers.encrata(), ENCRATA_SECRET)
                .event(EncrataEvents.LOOKUP_COMPLETED, new LookupCompleted("mallory@example.com", "lu_stale", null))
                .stale()
                .build();

        RestTestClientDeliveries.post(client, "/webhooks/exa", exaItem("evt_http_forged", "witem_forged").wrongSecret().build())
                .expectStatus().isUnauthorized()
                .expectHeader().contentType("application/problem+json")
                .expectBody(String.class).value(body -> assertThat(body)
                        .contains("\"reason\":\"no_matching_signature\"")
                        .doesNotContain(EXA_SECRET, TestDeliveries.PAYLOAD_MARKER));
        assertRefused(RestTestClientDeliveries.send(client, "/webhooks/exa",
                exaItem("evt_http_tampered", "witem_forged").tampered().build()), 401, SignatureFailure.NO_MATCHING_SIGNATURE);
        assertRefused(RestTestClientDeliveries.send(client, "/webhooks/exa",
                exaItem("evt_http_stale", "witem_forged").stale().build()), 401, SignatureFailure.TIMESTAMP_OUTSIDE_TOLERANCE);
        assertRefused(RestTestClientDeliveries.send(client, "/webhooks/encrata", staleLookup),
                401, PayloadFailure.EVENT_TIME_OUTSIDE_TOLERANCE);
        HttpResponse<String> unsigned = post("/webhooks/encrata", TestDeliveries.utf8("{}"), Map.of());

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.body()).contains("\"reason\":\"missing_signature\"");
        assertThat(exa.items).doesNotContain("witem_forged");
        assertThat(encrata.lookups).doesNotContain("mallory@example.com");
    }

    @Test
    void webhookPathsNeedNoCredentialsNorCsrfTokenWhileTheRestStaysProtected() throws Exception {
        byte[] item = TestDeliveries.exaItemCreated("evt_http_security", "witem_security");
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> webhook = post("/webhooks/exa", item, TestDeliveries.signExa(item));
        HttpResponse<String> webhookGet = send(request("/webhooks/exa").GET());
        HttpResponse<String> apiPost = post("/api/notes", TestDeliveries.utf8("{\"note\":\"hi\"}"), Map.of());
        HttpResponse<String> apiPostWithoutCsrfToken = post("/api/notes", TestDeliveries.utf8("{\"note\":\"hi\"}"),
                Map.of("Authorization", basic));
        HttpResponse<String> belowWebhookPath = post("/webhooks/exa/more", item, TestDeliveries.signExa(item));
        HttpResponse<String> page = send(request("/page").header("Accept", "application/json").GET());
        HttpResponse<String> pageWithCredentials = send(request("/page").header("Authorization", basic).GET());

        assertThat(webhook.statusCode()).as("signed webhook, no credentials, no CSRF token").isEqualTo(204);
        assertThat(webhookGet.statusCode()).as("answered by Hookline, not by Spring Security").isEqualTo(405);
        assertThat(apiPost.statusCode()).as("the application's own POST still needs credentials").isEqualTo(401);
        // Spring Security's CsrfFilter runs before authentication, so a missing token is answered like missing
        // credentials: the same credentials that open the page below do not get this POST through
        assertThat(apiPostWithoutCsrfToken.statusCode()).as("valid credentials but no CSRF token").isEqualTo(401);
        assertThat(belowWebhookPath.statusCode()).as("only the exact path is Hookline's").isEqualTo(401);
        assertThat(page.statusCode()).as("protected page without credentials").isEqualTo(401);
        assertThat(pageWithCredentials.statusCode()).isEqualTo(200);
        assertThat(pageWithCredentials.body()).isEqualTo("a protected page");
        assertThat(exa.items).containsOnlyOnce("witem_security");
    }

    @Test
    void aFailingListenerGives500OnceLoggedAndTheRetrySucceedsAndEverythingIsCounted(CapturedOutput output)
            throws Exception {
        byte[] item = TestDeliveries.exaItemCreated("evt_m1", "witem_m1");
        byte[] paused = TestDeliveries.exa("evt_m3", "webset.paused", "{\"id\":\"webset_m3\",\"object\":\"webset\"}");
        byte[] notJson = TestDeliveries.utf8("not json " + TestDeliveries.PAYLOAD_MARKER);
        byte[] tooLarge = TestDeliveries.exa("evt_big", "webset.item.created",
                "{\"id\":\"witem_big\",\"pad\":\"" + "x".repeat(3000) + "\"}");

        assertThat(post("/webhooks/metered", item, TestDeliveries.signExa(item)).statusCode()).isEqualTo(204);
        assertThat(post("/webhooks/metered", item, TestDeliveries.signExa(item)).statusCode()).isEqualTo(204);
        assertThat(post("/webhooks/metered", item, TestDeliveries.signExa(item, "forged_secret_0123", Instant.now()))
                .statusCode()).isEqualTo(401);
        assertThat(post("/webhooks/metered", notJson, TestDeliveries.signExa(notJson)).statusCode()).isEqualTo(400);
        HttpResponse<String> failed = post("/webhooks/metered", paused, TestDeliveries.signExa(paused));
        HttpResponse<String> retried = post("/webhooks/metered", paused, TestDeliveries.signExa(paused));
        assertThat(send(request("/webhooks/metered").GET()).statusCode()).isEqualTo(405);
        assertThat(post("/webhooks/metered", tooLarge, TestDeliveries.signExa(tooLarge)).statusCode()).isEqualTo(413);

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).contains("\"reason\":\"handler_failed\"").doesNotContain("search index unavailable");
        assertThat(retried.statusCode()).isEqualTo(204);
        assertThat(flaky.paused).containsExactly("webset_m3");

        String logged = "Webhook delivery failed on endpoint metered (handler_failed) for event type webset.paused, "
                + "id evt_m3; the sender will retry";
        assertThat(output.getAll().split(java.util.regex.Pattern.quote(logged), -1))
                .as("logged once, by the error handler, not again by the servlet adapter").hasSize(2);
        assertThat(output.getAll()).contains("java.lang.IllegalStateException: search index unavailable")
                .doesNotContain(TestDeliveries.PAYLOAD_MARKER, EXA_SECRET);

        Map<String, Double> expected = new TreeMap<>();
        expected.put("type=webset.item.created,outcome=accepted,reason=none", 1.0);
        expected.put("type=webset.item.created,outcome=duplicate,reason=none", 1.0);
        expected.put("type=none,outcome=rejected,reason=no_matching_signature", 1.0);
        expected.put("type=none,outcome=malformed,reason=not_json", 1.0);
        expected.put("type=webset.paused,outcome=failed,reason=handler_failed", 1.0);
        expected.put("type=webset.paused,outcome=accepted,reason=none", 1.0);
        expected.put("type=none,outcome=refused,reason=method_not_allowed", 1.0);
        expected.put("type=none,outcome=refused,reason=body_too_large", 1.0);
        assertThat(deliveryCounts("metered")).isEqualTo(expected);

        assertThat(handled("accepted")).isEqualTo(2);
        assertThat(handled("duplicate")).isEqualTo(1);
        assertThat(handled("rejected")).isEqualTo(1);
        assertThat(handled("malformed")).isEqualTo(1);
        assertThat(handled("failed")).isEqualTo(1);
    }

    /** Every hookline.deliveries series of an endpoint, as "type=..,outcome=..,reason=.." to its count. */
    private Map<String, Double> deliveryCounts(String endpoint) {
        return registry.find(HooklineMetrics.DELIVERIES).tag("endpoint", endpoint).counters().stream()
                .collect(Collectors.toMap(counter -> "type=" + tag(counter, "type") + ",outcome="
                        + tag(counter, "outcome") + ",reason=" + tag(counter, "reason"), Counter::count,
                        Double::sum, TreeMap::new));
    }

    private static String tag(Counter counter, String key) {
        return counter.getId().getTags().stream().filter(t -> t.getKey().equals(key)).map(Tag::getValue)
                .findFirst().orElseThrow();
    }

    private long handled(String outcome) {
        return registry.get(HooklineMetrics.HANDLING).tags("endpoint", "metered", "outcome", outcome).timer().count();
    }
}
