package dev.hookline.providers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Exa's events API on a {@link FakeProviderServer}: {@code GET <base>/v0/events} lists the events it holds newest
 * first (by {@code createdAt}, then id), filtered by repeated {@code types} and inclusive {@code createdAfter} and
 * {@code createdBefore}, a page of {@code limit} (default 25, at most 200) at a time with opaque cursors; and
 * {@code GET <base>/v0/events/{id}} answers one, or 404.
 */
public final class FakeExaEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One stored event. */
    public record Stored(String id, String type, Instant createdAt, String json) {
    }

    private final List<Stored> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger listCalls = new AtomicInteger();
    private final AtomicInteger largestPage = new AtomicInteger();

    /**
     * Serves the events below a base path.
     *
     * @param server the server
     * @param basePath such as {@code /websets}
     */
    public FakeExaEvents(FakeProviderServer server, String basePath) {
        server.on("GET", basePath + "/v0/events", this::list);
        server.on("GET", basePath + "/v0/events/*", request -> {
            String id = request.path().substring(request.path().lastIndexOf('/') + 1);
            return events.stream().filter(e -> e.id().equals(id)).findFirst()
                    .map(e -> FakeProviderServer.Response.json(200, e.json()))
                    .orElse(FakeProviderServer.Response.json(404, "{\"message\":\"Event not found\"}"));
        });
    }

    /**
     * Adds an event whose data is a small webset item.
     *
     * @param id the id
     * @param type the type
     * @param createdAt its time
     * @return the stored event
     */
    public Stored add(String id, String type, Instant createdAt) {
        ObjectNode data = JSON.createObjectNode().put("id", "witem_" + id).put("object", "webset_item")
                .put("source", "search").put("websetId", "webset_01");
        return add(id, type, createdAt, data);
    }

    /**
     * Adds an event.
     *
     * @param id the id
     * @param type the type
     * @param createdAt its time
     * @param data its data
     * @return the stored event
     */
    public Stored add(String id, String type, Instant createdAt, JsonNode data) {
        ObjectNode event = JSON.createObjectNode().put("id", id).put("object", "event").put("type", type);
        event.set("data", data);
        event.put("createdAt", createdAt.toString());
        event.put("someFieldAddedLater", true);
        Stored stored = new Stored(id, type, createdAt, JSON.writeValueAsString(event));
        events.add(stored);
        return stored;
    }

    /** Every event, oldest first. */
    public List<Stored> oldestFirst() {
        List<Stored> all = new ArrayList<>(events);
        all.sort(Comparator.comparing(Stored::createdAt).thenComparing(Stored::id));
        return all;
    }

    /** How many list calls were answered. */
    public int listCalls() {
        return listCalls.get();
    }

    /** The most events one list call answered with. */
    public int largestPage() {
        return largestPage.get();
    }

    private FakeProviderServer.Response list(FakeProviderServer.Request request) {
        listCalls.incrementAndGet();
        List<String> types = request.query("types");
        String after = request.queryFirst("createdAfter");
        String before = request.queryFirst("createdBefore");
        String limitText = request.queryFirst("limit");
        int limit = limitText == null ? 25 : Integer.parseInt(limitText);
        if (limit < 1 || limit > 200) {
            return FakeProviderServer.Response.json(400, "{\"message\":\"limit must be between 1 and 200\"}");
        }
        List<Stored> matching = new ArrayList<>();
        for (Stored event : events) {
            if ((types.isEmpty() || types.contains(event.type()))
                    && (after == null || !event.createdAt().isBefore(Instant.parse(after)))
                    && (before == null || !event.createdAt().isAfter(Instant.parse(before)))) {
                matching.add(event);
            }
        }
        matching.sort(Comparator.comparing(Stored::createdAt).thenComparing(Stored::id).reversed());
        String cursor = request.queryFirst("cursor");
        int from = cursor == null ? 0 : Integer.parseInt(cursor.substring("cur_".length()));
        int to = Math.min(matching.size(), from + limit);
        ArrayNode data = JSON.createArrayNode();
        for (Stored event : matching.subList(from, to)) {
            data.add(JSON.readTree(event.json()));
        }
        largestPage.accumulateAndGet(to - from, Math::max);
        ObjectNode page = JSON.createObjectNode();
        page.set("data", data);
        page.put("hasMore", to < matching.size());
        if (to < matching.size()) {
            page.put("nextCursor", "cur_" + to);
        } else {
            page.putNull("nextCursor");
        }
        return FakeProviderServer.Response.json(200, JSON.writeValueAsString(page));
    }
}
