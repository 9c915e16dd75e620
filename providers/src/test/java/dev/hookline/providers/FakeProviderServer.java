package dev.hookline.providers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A provider's API in the test's own process: the JDK's {@link HttpServer} on a free loopback port, answering each
 * call from a script and recording every request (method, path, query, headers, body) for the test to assert.
 *
 * <p>Answers are looked up by method and path: first the one-off answers queued with {@link #enqueue}, in order,
 * then the standing handler given to {@link #on}; anything else is a 404 with an Exa-style error body.
 */
public final class FakeProviderServer implements AutoCloseable {

    /** One request as it arrived. */
    public record Request(String method, String path, String rawQuery, Map<String, List<String>> headers,
                          byte[] body) {

        /** The first value of a header, by its name in any case; null when absent. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** Every value of a query parameter, decoded, in order. */
        public List<String> query(String name) {
            return queryParameters().getOrDefault(name, List.of());
        }

        /** The first value of a query parameter, decoded; null when absent. */
        public String queryFirst(String name) {
            List<String> values = query(name);
            return values.isEmpty() ? null : values.get(0);
        }

        /** Every query parameter, decoded, in order. */
        public Map<String, List<String>> queryParameters() {
            Map<String, List<String>> parameters = new LinkedHashMap<>();
            if (rawQuery != null && !rawQuery.isEmpty()) {
                for (String pair : rawQuery.split("&")) {
                    int equals = pair.indexOf('=');
                    String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                    String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                    parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                }
            }
            return parameters;
        }

        /** The body as UTF-8 text. */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One answer. */
    public record Response(int status, Map<String, String> headers, String body) {

        /** A JSON answer. */
        public static Response json(int status, String body) {
            return new Response(status, Map.of("Content-Type", "application/json"), body);
        }

        /** This answer with one more header. */
        public Response withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Response(status, more, body);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Response>> queued = new HashMap<>();
    private final Map<String, Function<Request, Response>> handlers = new HashMap<>();

    /** Starts a server on a free port of 127.0.0.1. */
    public FakeProviderServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The server's base URL, such as {@code http://127.0.0.1:41234}, to which a base path may be appended. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Answers every {@code method path} call with {@code handler} (after any queued one-off answers). A path ending
     * in {@code /*} answers every path below it that has no handler of its own.
     */
    public synchronized FakeProviderServer on(String method, String path, Function<Request, Response> handler) {
        handlers.put(method + " " + path, handler);
        return this;
    }

    /** Answers the next {@code method path} calls with these answers, in order, before any standing handler. */
    public synchronized FakeProviderServer enqueue(String method, String path, Response... responses) {
        Deque<Response> queue = queued.computeIfAbsent(method + " " + path, k -> new ArrayDeque<>());
        queue.addAll(List.of(responses));
        return this;
    }

    /** Every request so far, in arrival order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The only request so far; fails if there were none or several. */
    public Request onlyRequest() {
        List<Request> all = requests();
        if (all.size() != 1) {
            throw new AssertionError("expected one request, got " + all.size() + ": "
                    + all.stream().map(r -> r.method() + " " + r.path()).toList());
        }
        return all.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), Map.copyOf(headers), body);
            requests.add(request);
            Response response = answer(request);
            response.headers().forEach(exchange.getResponseHeaders()::add);
            byte[] bytes = response.body() == null ? new byte[0] : response.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private Response answer(Request request) {
        Function<Request, Response> handler;
        synchronized (this) {
            String key = request.method() + " " + request.path();
            Deque<Response> queue = queued.get(key);
            if (queue != null && !queue.isEmpty()) {
                return queue.poll();
            }
            handler = handlers.get(key);
            if (handler == null) {
                int slash = request.path().lastIndexOf('/');
                handler = slash < 0 ? null : handlers.get(request.method() + " " + request.path().substring(0, slash) + "/*");
            }
        }
        if (handler == null) {
            return Response.json(404, "{\"error\":\"Not found\",\"message\":\"No route " + request.method() + " "
                    + request.path() + "\"}");
        }
        try {
            return handler.apply(request);
        } catch (RuntimeException e) {
            return Response.json(500, "{\"error\":\"the fake server's handler threw " + e.getClass().getSimpleName()
                    + "\"}");
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
