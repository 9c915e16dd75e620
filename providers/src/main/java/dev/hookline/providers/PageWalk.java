package dev.hookline.providers;

import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Every item of a cursor-paginated list, fetching each page only when the items before it have been consumed.
 * Stops after the last page; a provider handing back a cursor it gave before (which would never end) is an
 * {@link ProviderApiException.Kind#UNEXPECTED_ANSWER}.
 *
 * @param <T> the item type
 */
final class PageWalk<T> implements Iterator<T> {

    private final Function<String, Page<T>> fetch;
    private final String provider;
    private final String path;
    private final Set<String> cursorsSeen = new HashSet<>();
    private Page<T> page;
    private Iterator<T> items;

    private PageWalk(Function<String, Page<T>> fetch, String firstCursor, String provider, String path) {
        this.fetch = fetch;
        this.provider = provider;
        this.path = path;
        if (firstCursor != null) {
            cursorsSeen.add(firstCursor);
        }
        this.page = fetch.apply(firstCursor);
        this.items = page.data().iterator();
    }

    /**
     * A lazy stream of every item from the page at {@code firstCursor} on. Nothing is fetched before the stream's
     * first item is asked for; failures are thrown from its terminal operation as {@link ProviderApiException}s.
     *
     * @param fetch fetches the page at a cursor (null for the first)
     * @param firstCursor where to start, or null
     * @param provider the provider, for messages
     * @param path the list's path, for messages
     */
    static <T> Stream<T> stream(Function<String, Page<T>> fetch, String firstCursor, String provider, String path) {
        Spliterator<T> lazy = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {
            private PageWalk<T> walk;

            @Override
            public boolean tryAdvance(Consumer<? super T> action) {
                if (walk == null) {
                    walk = new PageWalk<>(fetch, firstCursor, provider, path);
                }
                if (!walk.hasNext()) {
                    return false;
                }
                action.accept(walk.next());
                return true;
            }
        };
        return StreamSupport.stream(lazy, false);
    }

    @Override
    public boolean hasNext() {
        while (!items.hasNext()) {
            if (!page.hasNext()) {
                return false;
            }
            String cursor = page.nextCursor();
            if (!cursorsSeen.add(cursor)) {
                throw ProviderApiException.unexpectedAnswer(provider, "GET", path,
                        "the answer gave a page cursor it had given before; the walk would never end");
            }
            page = fetch.apply(cursor);
            items = page.data().iterator();
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return items.next();
    }
}
