package dev.hookline.samples.jetty;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Answers every path that is no endpoint's (a typo, a trailing slash) with a 404 problem, the same
 * {@code application/problem+json} the endpoints answer with, instead of the container's HTML page.
 */
final class NotFoundServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final byte[] PROBLEM = ("{\"type\":\"urn:hookline:reason:no_endpoint\",\"title\":\"Not Found\","
            + "\"status\":404,\"detail\":\"No webhook endpoint answers this path; they are /webhooks/exa, "
            + "/webhooks/encrata and /webhooks/standard.\",\"reason\":\"no_endpoint\"}").getBytes(StandardCharsets.UTF_8);

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("application/problem+json");
        response.setContentLength(PROBLEM.length);
        response.getOutputStream().write(PROBLEM);
    }
}
