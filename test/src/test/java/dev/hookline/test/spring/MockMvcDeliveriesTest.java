package dev.hookline.test.spring;

import static dev.hookline.test.WebhookAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.event.PayloadFailure;
import dev.hookline.signature.SignatureFailure;
import dev.hookline.test.SignedDelivery;
import dev.hookline.test.TestSecrets;
import dev.hookline.test.WebhookResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** Deliveries through MockMvc, to a filter in front of Spring MVC, as an application's webhooks would be. */
class MockMvcDeliveriesTest {

    private final List<String> handled = new CopyOnWriteArrayList<>();

    private final MockMvc mockMvc = MockMvcBuilders.standaloneSetup(new Pages())
            .addFilter(new ReceivingFilter(WebhookEndpoint.builder(Providers.encrata()).secret(TestSecrets.ENCRATA)
                    .onAny(event -> handled.add(event.type())).build()), "/webhooks/encrata")
            .build();

    private static SignedDelivery.Builder lookup() {
        return SignedDelivery.builder(Providers.encrata(), TestSecrets.ENCRATA).sample("lookup.completed");
    }

    @Test
    void sendReadsTheStatusAndTheProblemsReason() throws Exception {
        SignedDelivery delivery = lookup().build();

        assertThat(MockMvcDeliveries.send(mockMvc, "/webhooks/encrata", delivery))
                .isEqualTo(new WebhookResponse(204, null));
        assertThat(MockMvcDeliveries.send(mockMvc, "/webhooks/encrata", delivery))
                .isEqualTo(new WebhookResponse(204, null));
        assertRefused(MockMvcDeliveries.send(mockMvc, "/webhooks/encrata", lookup().tampered().build()),
                401, SignatureFailure.NO_MATCHING_SIGNATURE);
        assertRefused(MockMvcDeliveries.send(mockMvc, "/webhooks/encrata", lookup().wrongSecret().build()),
                401, SignatureFailure.NO_MATCHING_SIGNATURE);
        assertRefused(MockMvcDeliveries.send(mockMvc, "/webhooks/encrata", lookup().stale().build()),
                401, PayloadFailure.EVENT_TIME_OUTSIDE_TOLERANCE);
        assertThat(handled).containsExactly("lookup.completed");
    }

    @Test
    void theRequestTakesSpringsOwnExpectations() throws Exception {
        mockMvc.perform(MockMvcDeliveries.post("/webhooks/encrata", lookup().build()))
                .andExpect(status().isNoContent());
        mockMvc.perform(MockMvcDeliveries.post("/webhooks/encrata", lookup().tampered().build()))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.reason").value("no_matching_signature"));
        mockMvc.perform(MockMvcDeliveries.post("/page", lookup().build()))
                .andExpect(status().isMethodNotAllowed());
        assertThat(handled).containsExactly("lookup.completed");
    }

    @Test
    void theRequestWorksWithMockMvcTesterToo() {
        MockMvcTester tester = MockMvcTester.create(mockMvc);

        assertThat(tester.perform(MockMvcDeliveries.post("/webhooks/encrata", lookup().wrongSecret().build())))
                .hasStatus(401)
                .bodyJson().extractingPath("$.reason").isEqualTo("no_matching_signature");
    }
}
