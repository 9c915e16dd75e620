package dev.hookline.spring;

import dev.hookline.jdbc.InboxState;
import dev.hookline.jdbc.InboxStats;
import dev.hookline.jdbc.JdbcInbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The durable inbox's health, as the Actuator shows it under the name {@code hooklineInbox}: down when the database
 * cannot be reached (the endpoints answer 503 then, and senders retry); up otherwise, with the number of events in
 * each state and the age of the oldest waiting one as details, and a {@code warning} detail when events are dead
 * (they wait for a replay) or the oldest waiting event is older than
 * {@code hookline.jdbc.inbox.health-max-waiting-age}. Thread-safe.
 */
public final class InboxHealthIndicator extends AbstractHealthIndicator {

    private final JdbcInbox inbox;
    private final Duration maxWaitingAge;

    /**
     * A health indicator of an inbox.
     *
     * @param inbox the inbox
     * @param maxWaitingAge the age of the oldest waiting event past which a warning is added
     */
    public InboxHealthIndicator(JdbcInbox inbox, Duration maxWaitingAge) {
        super("The Hookline inbox cannot be reached");
        this.inbox = inbox;
        this.maxWaitingAge = maxWaitingAge;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        InboxStats stats = inbox.stats();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (InboxState state : InboxState.values()) {
            counts.put(state.code(), stats.count(state));
        }
        builder.up().withDetail("events", counts);
        List<String> warnings = new ArrayList<>();
        stats.oldestWaitingAge().ifPresent(age -> {
            builder.withDetail("oldestWaitingAge", age.toString());
            if (age.compareTo(maxWaitingAge) > 0) {
                warnings.add("the oldest waiting event has waited " + age + ", more than " + maxWaitingAge);
            }
        });
        long dead = stats.count(InboxState.DEAD);
        if (dead > 0) {
            warnings.add(dead + " dead event(s) wait for a replay");
        }
        if (!warnings.isEmpty()) {
            builder.withDetail("warning", String.join("; ", warnings));
        }
    }
}
