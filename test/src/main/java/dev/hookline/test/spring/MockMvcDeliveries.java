package dev.hookline.test.spring;

import dev.hookline.test.SignedDelivery;
import dev.hookline.test.WebhookResponse;
import java.util.Objects;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Sends signed deliveries through {@link MockMvc}, with no server: the request goes through the application's
 * filters and {@code DispatcherServlet} in the test's own thread.
 *
 * <pre>{@code
 * WebhookResponse response = MockMvcDeliveries.send(mockMvc, "/webhooks/exa", delivery);
 * assertRefused(response, 401, SignatureFailure.NO_MATCHING_SIGNATURE);
 *
 * mockMvc.perform(MockMvcDeliveries.post("/webhooks/exa", delivery))   // or with Spring's own expectations
 *         .andExpect(status().isNoContent());
 * }</pre>
 *
 * <p>Hookline's servlet adapter reads MockMvc's requests the blocking way, since their bodies cannot be read
 * without blocking, so its filters and servlets are reached this way too. Stateless; thread-safe.
 */
public final class MockMvcDeliveries {

    private MockMvcDeliveries() {
    }

    /**
     * A {@code POST} of the delivery's headers and exact body, for {@link MockMvc#perform} or
     * {@code MockMvcTester.perform}.
     *
     * @param path the webhook's path within the application, such as {@code /webhooks/exa}
     * @param delivery what to post
     * @return the request, to add to or perform
     */
    public static MockHttpServletRequestBuilder post(String path, SignedDelivery delivery) {
        Objects.requireNonNull(path, "path");
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post(path).content(delivery.body());
        delivery.httpHeaders().forEach((name, value) -> request.header(name, value));
        return request;
    }

    /**
     * Posts the delivery and reads the answer.
     *
     * @param mockMvc the application's MockMvc
     * @param path the webhook's path within the application
     * @param delivery what to post
     * @return the status and the problem's reason
     * @throws Exception whatever {@link MockMvc#perform} throws: an exception the application did not handle
     */
    public static WebhookResponse send(MockMvc mockMvc, String path, SignedDelivery delivery) throws Exception {
        MockHttpServletResponse response = Objects.requireNonNull(mockMvc, "mockMvc")
                .perform(post(path, delivery)).andReturn().getResponse();
        return WebhookResponse.fromHttp(response.getStatus(), response.getContentType(),
                response.getContentAsByteArray());
    }
}
