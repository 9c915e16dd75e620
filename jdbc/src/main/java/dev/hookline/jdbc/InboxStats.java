package dev.hookline.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How full the {@link JdbcInbox} is: how many rows are in each state, and how long the oldest waiting row (pending
 * or retrying) has waited since its delivery was received. For gauges, health checks and dashboards.
 *
 * @param counts the number of rows in each state; every state is present, zero when it has no rows
 * @param oldestWaitingReceivedAt when the oldest pending or retrying row was received, or null when none waits
 * @param asOf when the counts were read, by the inbox's clock
 */
public record InboxStats(Map<InboxState, Long> counts, Instant oldestWaitingReceivedAt, Instant asOf) {

    /**
     * Fills in the states missing from {@code counts} with zero, and keeps an unmodifiable copy.
     *
     * @param counts the number of rows in each state; every state is present, zero when it has no rows
     * @param oldestWaitingReceivedAt when the oldest pending or retrying row was received, or null when none waits
     * @param asOf when the counts were read, by the inbox's clock
     */
    public InboxStats {
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(asOf, "asOf");
        EnumMap<InboxState, Long> all = new EnumMap<>(InboxState.class);
        for (InboxState state : InboxState.values()) {
            all.put(state, counts.getOrDefault(state, 0L));
        }
        counts = Map.copyOf(all);
    }

    /**
     * The number of rows in one state.
     *
     * @param state the state
     * @return the count, zero when there are none
     */
    public long count(InboxState state) {
        return counts.get(state);
    }

    /**
     * How long the oldest pending or retrying row has waited, from its receipt to {@link #asOf()}.
     *
     * @return the age, or empty when no row waits
     */
    public Optional<Duration> oldestWaitingAge() {
        if (oldestWaitingReceivedAt == null) {
            return Optional.empty();
        }
        Duration age = Duration.between(oldestWaitingReceivedAt, asOf);
        return Optional.of(age.isNegative() ? Duration.ZERO : age);
    }
}
