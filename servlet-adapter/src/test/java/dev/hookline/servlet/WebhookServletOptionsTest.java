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
    void theBodyMayTakeFiveSecondsAndUpToTwoMebibytesOfARefusedBodyAreDiscarded() {
        WebhookServletOptions options = WebhookServletOptions.defaults();

        assertThat(options.bodyReadTimeout()).isEqualTo(Duration.ofSeconds(5))
                .isEqualTo(WebhookServletOptions.DEFAULT_BODY_READ_TIMEOUT);
        assertThat(options.maxDrainSize()).isEqualTo(2_097_152).isEqualTo(WebhookServletOptions.DEFAULT_MAX_DRAIN_SIZE);
    }

    @Test
    void keepsTheReadTimeoutAndDrainBoundItIsGiven() {
        WebhookServletOptions options = WebhookServletOptions.builder()
                .bodyReadTimeout(Duration.ofMillis(250)).maxDrainSize(0).build();

        assertThat(options.bodyReadTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(options.maxDrainSize()).isZero();
        assertThat(options.toString()).contains("bodyReadTimeout=PT0.25S", "maxDrainSize=0");
    }

    @Test
    void rejectsAReadTimeoutThatIsNotPositiveAndANegativeDrainBound() {
        assertThatThrownBy(() -> WebhookServletOptions.builder().bodyReadTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bodyReadTimeout");
        assertThatThrownBy(() -> WebhookServletOptions.builder().bodyReadTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bodyReadTimeout");
        assertThatThrownBy(() -> WebhookServletOptions.builder().maxDrainSize(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDrainSize");
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
