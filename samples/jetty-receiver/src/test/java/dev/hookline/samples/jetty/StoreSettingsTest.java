package dev.hookline.samples.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {

    @Test
    void withNothingSetEverythingStaysInMemory() {
        StoreSettings settings = StoreSettings.from(Map.of());

        assertThat(settings.shared()).isFalse();
        assertThat(settings.inbox()).isFalse();
        assertThat(settings.lease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.tablePrefix()).isEqualTo("hookline_");
        assertThat(settings).hasToString("StoreSettings[in memory]");
    }

    @Test
    void aUrlSharesDeduplicationAndTheInboxFlagSwitchesToInboxMode() {
        Map<String, String> shared = Map.of("HOOKLINE_JDBC_URL", "jdbc:postgresql://db:5432/app",
                "HOOKLINE_JDBC_USER", "app", "HOOKLINE_JDBC_PASSWORD", "s3cret-password");

        StoreSettings deduplicating = StoreSettings.from(shared);
        StoreSettings inbox = StoreSettings.from(with(shared, "HOOKLINE_INBOX", "true", "HOOKLINE_INBOX_LEASE", "5"));

        assertThat(deduplicating.shared()).isTrue();
        assertThat(deduplicating.inbox()).isFalse();
        assertThat(deduplicating.user()).isEqualTo("app");
        assertThat(inbox.inbox()).isTrue();
        assertThat(inbox.lease()).isEqualTo(Duration.ofSeconds(5));
        assertThat(deduplicating.toString() + inbox).doesNotContain("s3cret-password", "db:5432");
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> StoreSettings.from(Map.of("HOOKLINE_INBOX", "true")))
                .hasMessage("HOOKLINE_INBOX=true needs HOOKLINE_JDBC_URL: the inbox is a PostgreSQL table");
        assertThatThrownBy(() -> StoreSettings.from(Map.of("HOOKLINE_JDBC_URL", "jdbc:mysql://db/app")))
                .hasMessage("HOOKLINE_JDBC_URL must be a PostgreSQL JDBC URL starting with jdbc:postgresql:");
        assertThatThrownBy(() -> StoreSettings.from(Map.of("HOOKLINE_INBOX", "yes")))
                .hasMessage("HOOKLINE_INBOX must be true or false, was 'yes'");
        assertThatThrownBy(() -> StoreSettings.from(Map.of("HOOKLINE_INBOX_LEASE", "0")))
                .hasMessage("HOOKLINE_INBOX_LEASE must be a number of seconds from 1 to 3600, was '0'");
    }

    private static Map<String, String> with(Map<String, String> base, String... more) {
        java.util.Map<String, String> all = new java.util.HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            all.put(more[i], more[i + 1]);
        }
        return all;
    }
}
