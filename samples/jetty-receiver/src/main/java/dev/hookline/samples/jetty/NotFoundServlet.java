package dev.hookline.samples.jetty;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Answers every path that is no endpoint's (a typo, a trailing slash) with a 404 problem, the same
 * {@code application/problem+json} the endpoints answer with, instead of the container's HTML page.
 *
 * <p>The request's body is read and discarded first, up to {@link #MAX_DRAIN} bytes, so that the sender's
 * connection stays usable: left unread, the container may close the connection after the answer while the sender
 * already sends its next request on it. A larger body is not read: the answer then closes the connection, and a
 * sender still sending the body may find the connection reset before it reads the answer.
 */
final class NotFoundServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final byte[] PROBLEM = ("{\"type\":\"urn:hookline:reason:no_endpoint\",\"title\":\"Not Found\","
            + "\"status\":404,\"detail\":\"No webhook endpoint answers this path; they are /webhooks/exa, "
            + "/webhooks/encrata and /webhooks/standard.\",\"reason\":\"no_endpoint\"}").getBytes(StandardCharsets.UTF_8);

    /** The most of a body sent to no endpoint that is read to keep its connection open. */
    static final long MAX_DRAIN = 64 * 1024;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getContentLengthLong() > MAX_DRAIN || !drained(request.getInputStream())) {
            response.setHeader("Connection", "close");
        }
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("application/problem+json");
        response.setContentLength(PROBLEM.length);
        response.getOutputStream().write(PROBLEM);
    }

    /** Reads the body to its end; false, leaving the rest unread, once it passes {@link #MAX_DRAIN} bytes. */
    private static boolean drained(InputStream body) throws IOException {
        byte[] buffer = new byte[8192];
        long read = 0;
        for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
            read += n;
            if (read > MAX_DRAIN) {
                return false;
            }
        }
        return true;
    }
}
