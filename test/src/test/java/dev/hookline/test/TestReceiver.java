package dev.hookline.test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hookline.Outcome;
import dev.hookline.WebhookEndpoint;
import dev.hookline.delivery.Delivery;
import dev.hookline.delivery.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The smallest real receiver: the JDK's HTTP server on a free loopback port, handing each POST to an endpoint and
 * answering as Hookline's adapters do (204, or the status with a problem body naming the reason). It records the
 * bodies it received.
 */
public final class TestReceiver implements AutoCloseable {

    public static final String PATH = "/webhooks/test";

    private final HttpServer server;
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();

    private TestReceiver(HttpServer server) {
        this.server = server;
    }

    /** A receiver answering {@link #PATH} with the endpoint's outcomes, and {@code /plain} with 400 and text. */
    public static TestReceiver start(WebhookEndpoint endpoint) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        TestReceiver receiver = new TestReceiver(server);
        server.createContext(PATH, exchange -> receiver.receive(endpoint, exchange));
        server.createContext("/plain", exchange -> {
            exchange.getRequestBody().readAllBytes();
            answer(exchange, 400, "text/plain", "no".getBytes(StandardCharsets.UTF_8));
        });
        server.start();
        return receiver;
    }

    private void receive(WebhookEndpoint endpoint, HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        bodies.add(body);
        Headers.Builder headers = Headers.builder();
        exchange.getRequestHeaders().forEach(headers::add);
        Outcome outcome = endpoint.receive(Delivery.of(headers.build(), body));
        if (outcome.status().isAcknowledged()) {
            answer(exchange, outcome.httpStatus(), null, null);
        } else {
            answer(exchange, outcome.httpStatus(), "application/problem+json",
                    Problems.json(outcome.httpStatus(), outcome.reason()));
        }
    }

    private static void answer(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().add("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body == null ? -1 : body.length);
        if (body != null) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    /** The address of a path on this receiver. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The webhook's address. */
    public URI uri() {
        return uri(PATH);
    }

    /** The bodies received at {@link #PATH}, in order. */
    public List<byte[]> bodies() {
        return bodies;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
