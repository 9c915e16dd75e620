package dev.hookline.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.servlet.WebhookFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * MockMvc's requests cannot read without blocking: the webhook filter reads them the blocking way instead, so an
 * application's own MockMvc tests reach its endpoints.
 */
class MockMvcFilterTest {

    @Test
    void aSignedDeliveryThroughMockMvcIsHandledAndItsForgeryRefused() throws Exception {
        List<String> handled = new ArrayList<>();
        WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.exa()).secret(TestDeliveries.EXA_SECRET)
                .onAny(event -> handled.add(event.id())).build();
        MockMvc mockMvc = MockMvcBuilders.standaloneSetup(new Object())
                .addFilter(new WebhookFilter(endpoint), "/webhooks/exa").build();
        byte[] body = TestDeliveries.exaItemCreated("evt_mock", "witem_mock");

        MockHttpServletResponse accepted = mockMvc.perform(post(body, TestDeliveries.signExa(body)))
                .andReturn().getResponse();
        MockHttpServletResponse forged = mockMvc.perform(post(body, Map.of("Exa-Signature", "t=1,v1=00")))
                .andReturn().getResponse();

        assertThat(accepted.getStatus()).isEqualTo(204);
        assertThat(handled).containsExactly("evt_mock");
        assertThat(forged.getStatus()).isEqualTo(401);
        assertThat(forged.getContentAsString()).contains("\"reason\":\"malformed_signature\"");
    }

    private static MockHttpServletRequestBuilder post(byte[] body, Map<String, String> headers) {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post("/webhooks/exa")
                .contentType(MediaType.APPLICATION_JSON).content(body);
        headers.forEach(request::header);
        return request;
    }
}
