package dev.hookline.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.WebhookEndpoint;
import dev.hookline.delivery.Reason;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Jetty 12.1 (Servlet 6.1) server on a free loopback port with one endpoint mounted at {@link #PATH},
 * behind either a {@link WebhookServlet} or a {@link WebhookFilter}, and a client to call it.
 *
 * <p>In filter mode a servlet mapped to {@code /*} stands behind the filter and counts the requests that
 * reach it, so tests can tell whether the filter continued the chain.
 */
final class TestServer implements AutoCloseable {

    static final String PATH = "/webhooks/exa";

    /** Long enough never to fire on a slow machine, short enough that a hung test ends. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Server server;
    private final URI base;
    private final AtomicInteger reachedBehind = new AtomicInteger();

    private TestServer(WebhookServlet servlet, WebhookFilter filter, boolean asyncSupported) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        if (servlet != null) {
            ServletHolder holder = new ServletHolder(servlet);
            holder.setAsyncSupported(asyncSupported);
            context.addServlet(holder, PATH);
        }
        if (filter != null) {
            FilterHolder holder = new FilterHolder(filter);
            holder.setAsyncSupported(asyncSupported);
            context.addFilter(holder, PATH, EnumSet.of(DispatcherType.REQUEST));
        }
        ServletHolder behind = new ServletHolder(new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                reachedBehind.incrementAndGet();
                response.setStatus(200);
                response.getWriter().write("behind");
            }
        });
        behind.setAsyncSupported(true);
        context.addServlet(behind, "/*");
        server.setHandler(context);
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    /** A server answering {@link #PATH} with a {@link WebhookServlet} of default options. */
    static TestServer servlet(WebhookEndpoint endpoint) throws Exception {
        return servlet(endpoint, WebhookServletOptions.defaults());
    }

    /** A server answering {@link #PATH} with a {@link WebhookServlet} registered with asynchronous support. */
    static TestServer servlet(WebhookEndpoint endpoint, WebhookServletOptions options) throws Exception {
        return new TestServer(new WebhookServlet(endpoint, options), null, true);
    }

    /** A server answering {@link #PATH} with a {@link WebhookServlet} registered without asynchronous support. */
    static TestServer blockingServlet(WebhookEndpoint endpoint, WebhookServletOptions options) throws Exception {
        return new TestServer(new WebhookServlet(endpoint, options), null, false);
    }

    /** A server answering {@link #PATH} with a {@link WebhookFilter}, async-supported, in front of a counting servlet. */
    static TestServer filter(WebhookEndpoint endpoint, WebhookServletOptions options) throws Exception {
        return new TestServer(null, new WebhookFilter(endpoint, options), true);
    }

    /** A server answering {@link #PATH} with a {@link WebhookFilter} registered without asynchronous support. */
    static TestServer blockingFilter(WebhookEndpoint endpoint, WebhookServletOptions options) throws Exception {
        return new TestServer(null, new WebhookFilter(endpoint, options), false);
    }

    /** The webhook's address. */
    URI uri() {
        return base.resolve(PATH);
    }

    /** The address of {@code path} on this server. */
    URI uri(String path) {
        return base.resolve(path);
    }

    /** How many requests reached the servlet behind the filter (or at any other path). */
    int reachedBehind() {
        return reachedBehind.get();
    }

    /** A request to the webhook with a deadline. */
    HttpRequest.Builder request() {
        return HttpRequest.newBuilder(uri()).timeout(TIMEOUT);
    }

    /** POSTs a body with a declared length and the given headers. */
    HttpResponse<String> post(byte[] body, Map<String, String> headers) throws Exception {
        return send(withHeaders(request(), headers).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** POSTs a body asynchronously. */
    CompletableFuture<HttpResponse<String>> postAsync(byte[] body, Map<String, String> headers) {
        return CLIENT.sendAsync(withHeaders(request(), headers).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a request, reading the response body as text. */
    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Writes raw bytes to the server on a fresh connection, optionally half-closes it, and reads one
     * response: its status line, headers and {@code Content-Length} body. For what HttpClient cannot
     * send: a request whose body never comes, or is cut short.
     */
    String raw(byte[] request, boolean endOfInput) throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            if (endOfInput) {
                socket.shutdownOutput();
            }
            return readResponse(socket.getInputStream());
        }
    }

    /** A fresh connection to the server, with the test deadline on reads. */
    Socket connect() throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        return socket;
    }

    /**
     * Reads one response from a connection: its status line and headers, and its {@code Content-Length} body;
     * what arrived if the connection ends first.
     */
    static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        Matcher length = Pattern.compile("(?im)^Content-Length:\\s*(\\d+)").matcher(text);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return text + new String(body, StandardCharsets.UTF_8);
    }

    /** The head of a POST to the webhook with the given headers, up to and including the blank line. */
    static byte[] rawHead(Map<String, String> headers) {
        StringBuilder head = new StringBuilder("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static HttpRequest.Builder withHeaders(HttpRequest.Builder request, Map<String, String> headers) {
        headers.forEach(request::header);
        return request;
    }

    /**
     * Asserts that a response is a problem of {@code status} for {@code reason}: exactly the five members,
     * the problem media type, and nothing of the secret or the payload.
     */
    static void assertProblem(HttpResponse<String> response, int status, Reason reason) {
        assertThat(response.statusCode()).as("status").isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        Map<?, ?> problem = JSON.readValue(response.body(), Map.class);
        Map<Object, Object> expected = new LinkedHashMap<>();
        expected.put("type", "urn:hookline:reason:" + reason.code());
        expected.put("title", title(status));
        expected.put("status", status);
        expected.put("detail", reason.description());
        expected.put("reason", reason.code());
        assertThat(problem).isEqualTo(expected);
        assertThat(new ArrayList<Object>(problem.keySet())).as("member order").isEqualTo(new ArrayList<>(expected.keySet()));
        assertDisclosesNothing(response);
    }

    /**
     * Asserts that a raw response is a problem of {@code status} for {@code reason}, as
     * {@link #assertProblem(HttpResponse, int, Reason)} does for a parsed one.
     */
    static void assertRawProblem(String response, int status, Reason reason) {
        assertThat(response).as("status line").startsWith("HTTP/1.1 " + status + " ");
        int end = response.indexOf("\r\n\r\n");
        assertThat(end).as("end of the head").isPositive();
        String head = response.substring(0, end);
        assertThat(head).containsPattern("(?im)^Content-Type: application/problem\\+json\\s*$");
        Map<?, ?> problem = JSON.readValue(response.substring(end + 4), Map.class);
        assertThat(problem.get("status")).isEqualTo(status);
        assertThat(problem.get("title")).isEqualTo(title(status));
        assertThat(problem.get("reason")).isEqualTo(reason.code());
        assertThat(problem.get("detail")).isEqualTo(reason.description());
        assertThat(response).doesNotContain(Deliveries.SECRET, Deliveries.PAYLOAD_MARKER, "Exception", "<html");
    }

    /** Whether a raw response's head says the connection ends after it. */
    static boolean closesConnection(String response) {
        return Pattern.compile("(?im)^Connection:\\s*close\\s*$").matcher(response).find();
    }

    /** Asserts that neither the secret nor any payload marker appears in a response's body or headers. */
    static void assertDisclosesNothing(HttpResponse<String> response) {
        String everything = response.body() + response.headers().map();
        assertThat(everything).doesNotContain(Deliveries.SECRET, Deliveries.PAYLOAD_MARKER, "Exception", "\tat ");
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> throw new IllegalArgumentException("unexpected status " + status);
        };
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }
}
