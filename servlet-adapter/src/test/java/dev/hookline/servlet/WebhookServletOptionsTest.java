package dev.hookline.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookServletOptionsTest {

    @Test
    void defaultsAreOneMebibyteAndTenSeconds() {
        WebhookServletOptions options = WebhookServletOptions.defaults();

        assertThat(options.maxBodySize()).isEqualTo(1_048_576);
        assertThat(options.retryAfter()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void retryAfterIsRoundedUpToWholeSeconds() {
        WebhookServletOptions options = WebhookServletOptions.builder().retryAfter(Duration.ofMillis(1500)).build();

        assertThat(options.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.retryAfterSeconds()).isEqualTo(2);
    }

    @Test
    void rejectsALimitThatIsNotPositiveAndANegativeRetryAfter() {
        assertThatThrownBy(() -> WebhookServletOptions.builder().maxBodySize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBodySize");
        assertThatThrownBy(() -> WebhookServletOptions.builder().retryAfter(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retryAfter");
    }
}
