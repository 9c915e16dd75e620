package dev.hookline.providers;

import java.util.List;
import java.util.Objects;

/**
 * One page of a cursor-paginated list, as Exa answers it: {@code {data, hasMore, nextCursor}}.
 *
 * @param data the items of this page, in the provider's order
 * @param hasMore whether more pages follow
 * @param nextCursor the cursor of the next page, to pass as {@code cursor}; null on the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> data, boolean hasMore, String nextCursor) {

    /** Copies the items. */
    public Page {
        data = List.copyOf(Objects.requireNonNull(data, "data"));
    }

    /** Whether a next page can be asked for: more follow and the provider gave their cursor. */
    public boolean hasNext() {
        return hasMore && nextCursor != null && !nextCursor.isEmpty();
    }
}
