package dev.hookline.providers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Exa's events in a time window, oldest first, with at most a bounded number held in memory.
 *
 * <p>Exa lists events newest first. A window's pages are collected whole, then sorted by {@code createdAt} and
 * id. When a window holds more than {@code maxInMemory} events, what was collected is dropped and the window is
 * split at its middle into two halves, the older walked first; halves are split again as needed. A window narrower
 * than {@link #NARROWEST} is collected whole whatever its size. Both ends of a window are inclusive, as the API's
 * {@code createdAfter} and {@code createdBefore} are, so an event at a split point is fetched by both halves: it
 * is passed on once, since only events after the last one passed on (and after the start position) are.
 */
final class OldestFirstEvents implements Iterator<ExaEvent> {

    /** Narrower windows are not split: Exa's times are in milliseconds. */
    static final Duration NARROWEST = Duration.ofMillis(2);

    private static final Comparator<ExaEvent> ORDER = Comparator
            .comparing(ExaEvent::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ExaEvent::id, Comparator.nullsFirst(Comparator.naturalOrder()));

    private record Window(Instant from, Instant to) {
    }

    private final Function<ExaEventQuery, Page<ExaEvent>> fetch;
    private final List<String> types;
    private final int maxInMemory;
    private final Deque<Window> windows = new ArrayDeque<>();
    private final Deque<ExaEvent> ready = new ArrayDeque<>();
    private EventPosition last;

    /**
     * @param fetch lists one page of events
     * @param after the position to start after
     * @param until the newest creation time to include
     * @param types only these types, or null for all
     * @param maxInMemory the most events collected from one window before it is split
     */
    OldestFirstEvents(Function<ExaEventQuery, Page<ExaEvent>> fetch, EventPosition after, Instant until,
                      List<String> types, int maxInMemory) {
        this.fetch = fetch;
        this.types = types;
        this.maxInMemory = maxInMemory;
        this.last = after;
        if (!until.isBefore(after.createdAt())) {
            windows.push(new Window(after.createdAt(), until));
        }
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && !windows.isEmpty()) {
            Window window = windows.pop();
            boolean splittable = Duration.between(window.from(), window.to()).compareTo(NARROWEST) >= 0;
            List<ExaEvent> events = collect(window, splittable ? maxInMemory : Integer.MAX_VALUE);
            if (events == null) {
                Instant middle = window.from().plusMillis(Duration.between(window.from(), window.to()).toMillis() / 2);
                windows.push(new Window(middle, window.to()));
                windows.push(new Window(window.from(), middle));
                continue;
            }
            events.sort(ORDER);
            for (ExaEvent event : events) {
                if (last.precedes(event.createdAt(), event.id())) {
                    ready.add(event);
                }
            }
        }
        return !ready.isEmpty();
    }

    @Override
    public ExaEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ExaEvent event = ready.poll();
        if (event.createdAt() != null && event.id() != null) {
            last = EventPosition.after(event.createdAt(), event.id());
        }
        return event;
    }

    /** Every event of a window, or null when there are more than {@code max}. */
    private List<ExaEvent> collect(Window window, int max) {
        List<ExaEvent> events = new ArrayList<>();
        ExaEventQuery query = ExaEventQuery.all().types(types).createdAfter(window.from())
                .createdBefore(window.to()).limit(ExaEventQuery.MAX_LIMIT);
        String cursor = null;
        List<String> cursors = new ArrayList<>();
        while (true) {
            Page<ExaEvent> page = fetch.apply(query.cursor(cursor));
            events.addAll(page.data());
            if (events.size() > max) {
                return null;
            }
            if (!page.hasNext()) {
                return events;
            }
            cursor = page.nextCursor();
            if (cursors.contains(cursor)) {
                throw ProviderApiException.unexpectedAnswer(ExaEvent.PROVIDER, "GET", ExaClient.EVENTS,
                        "the answer gave a page cursor it had given before; the walk would never end");
            }
            cursors.add(cursor);
        }
    }
}
