package dev.hookline.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.delivery.Headers;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookExchangeTest {

    @Test
    void mapsEveryRefusalToItsStatus() {
        assertThat(WebhookExchange.status(RequestFailure.METHOD_NOT_ALLOWED)).isEqualTo(405);
        assertThat(WebhookExchange.status(RequestFailure.BODY_TOO_LARGE)).isEqualTo(413);
        assertThat(WebhookExchange.status(RequestFailure.INCOMPLETE_BODY)).isEqualTo(400);
        assertThat(WebhookExchange.status(RequestFailure.BODY_READ_TIMEOUT)).isEqualTo(408);
    }

    @Test
    void aReadErrorCausedByATimeoutIsAReadTimeoutAndAnyOtherAnIncompleteBody() {
        assertThat(BodyReader.failureOf(new IOException(new java.util.concurrent.TimeoutException("idle"))))
                .isEqualTo(RequestFailure.BODY_READ_TIMEOUT);
        assertThat(BodyReader.failureOf(new java.net.SocketTimeoutException("read timed out")))
                .isEqualTo(RequestFailure.BODY_READ_TIMEOUT);
        assertThat(BodyReader.failureOf(new java.io.EOFException("early EOF"))).isEqualTo(RequestFailure.INCOMPLETE_BODY);
        assertThat(BodyReader.failureOf(new IOException("bad chunk"))).isEqualTo(RequestFailure.INCOMPLETE_BODY);
    }

    @Test
    void collectsEveryHeaderValueUnderCaseInsensitiveNames() {
        Map<String, List<String>> sent = new LinkedHashMap<>();
        sent.put("Exa-Signature", List.of("t=1,v1=aa"));
        sent.put("X-Repeated", List.of("one", "two"));
        HttpServletRequest request = request(sent);

        Headers headers = ServletHeaders.of(request);

        assertThat(headers.first("exa-signature")).isEqualTo("t=1,v1=aa");
        assertThat(headers.first("EXA-SIGNATURE")).isEqualTo("t=1,v1=aa");
        assertThat(headers.all("x-repeated")).containsExactly("one", "two");
        assertThat(headers.names()).containsExactly("exa-signature", "x-repeated");
    }

    @Test
    void aNameListedInTwoSpellingsIsCollectedOnce() {
        // getHeaders matches names case-insensitively, so both spellings return both values
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeaderNames" -> Collections.enumeration(List.of("X-Repeated", "x-repeated"));
                    case "getHeaders" -> Collections.enumeration(List.of("one", "two"));
                    default -> throw new UnsupportedOperationException(method.getName());
                });

        assertThat(ServletHeaders.of(request).all("X-Repeated")).containsExactly("one", "two");
    }

    /** A request that answers header look-ups from {@code headers}, names compared case-insensitively. */
    private static HttpServletRequest request(Map<String, List<String>> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(WebhookExchangeTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeaderNames" -> Collections.enumeration(headers.keySet());
                    case "getHeaders" -> Collections.enumeration(headers.entrySet().stream()
                            .filter(entry -> entry.getKey().equalsIgnoreCase((String) args[0]))
                            .flatMap(entry -> entry.getValue().stream())
                            .toList());
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
