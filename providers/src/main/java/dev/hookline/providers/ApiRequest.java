package dev.hookline.providers;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One call to a provider's API: method, path below the base URL, query parameters in order (a name may repeat),
 * and a JSON body or none.
 *
 * @param method the HTTP method
 * @param path the path, its variable segments already encoded with {@link #segment(String)}
 * @param query the query parameters, in order
 * @param body the JSON body, or null
 */
record ApiRequest(String method, String path, List<Map.Entry<String, String>> query, JsonNode body) {

    ApiRequest {
        query = List.copyOf(query);
    }

    static ApiRequest get(String path) {
        return new ApiRequest("GET", path, List.of(), null);
    }

    static ApiRequest delete(String path) {
        return new ApiRequest("DELETE", path, List.of(), null);
    }

    static ApiRequest post(String path, JsonNode body) {
        return new ApiRequest("POST", path, List.of(), body);
    }

    static ApiRequest patch(String path, JsonNode body) {
        return new ApiRequest("PATCH", path, List.of(), body);
    }

    static ApiRequest put(String path, JsonNode body) {
        return new ApiRequest("PUT", path, List.of(), body);
    }

    /** This request with one more query parameter; a null value adds nothing. */
    ApiRequest query(String name, Object value) {
        if (value == null) {
            return this;
        }
        List<Map.Entry<String, String>> more = new ArrayList<>(query);
        more.add(Map.entry(name, value instanceof Instant instant ? instant.toString() : value.toString()));
        return new ApiRequest(method, path, more, body);
    }

    /** This request with the parameter repeated once per value, as {@code types=a&types=b}. */
    ApiRequest queryEach(String name, Iterable<String> values) {
        ApiRequest request = this;
        if (values != null) {
            for (String value : values) {
                request = request.query(name, value);
            }
        }
        return request;
    }

    /**
     * Whether sending it twice does no more than sending it once, so that it may be repeated after a 5xx or a
     * timeout. Every call these clients make but a {@code POST} is.
     */
    boolean repeatable() {
        return !method.equals("POST");
    }

    /** The path and the encoded query, to append to the base URL. */
    String target() {
        if (query.isEmpty()) {
            return path;
        }
        StringBuilder target = new StringBuilder(path).append('?');
        for (int i = 0; i < query.size(); i++) {
            if (i > 0) {
                target.append('&');
            }
            target.append(encode(query.get(i).getKey())).append('=').append(encode(query.get(i).getValue()));
        }
        return target.toString();
    }

    /** A path segment with everything but unreserved characters percent-encoded, {@code /} included. */
    static String segment(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("An id is required");
        }
        return encode(value);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
    }
}
