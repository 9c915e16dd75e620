package dev.hookline.test.spring;

import dev.hookline.Outcome;
import dev.hookline.WebhookEndpoint;
import dev.hookline.delivery.Delivery;
import dev.hookline.delivery.Headers;
import dev.hookline.test.Problems;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;

/**
 * A plain servlet filter answering the requests mapped to it with an endpoint's outcome, as Hookline's adapters
 * answer (204, or the status with a problem body), reading the body with blocking reads.
 */
final class ReceivingFilter implements Filter {

    private final WebhookEndpoint endpoint;

    ReceivingFilter(WebhookEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        Headers.Builder headers = Headers.builder();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.add(name, Collections.list(request.getHeaders(name)));
        }
        Outcome outcome = endpoint.receive(Delivery.of(headers.build(), request.getInputStream().readAllBytes()));
        response.setStatus(outcome.httpStatus());
        if (!outcome.status().isAcknowledged()) {
            response.setContentType("application/problem+json");
            response.getOutputStream().write(Problems.json(outcome.httpStatus(), outcome.reason()));
        }
    }
}
