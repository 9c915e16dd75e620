package dev.hookline.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.WebhookEndpoint;
import dev.hookline.dedupe.InMemoryDeduplicator;
import dev.hookline.providers.ExaClient;
import dev.hookline.servlet.WebhookServletOptions;
import dev.hookline.signature.SignatureVerifier;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every endpoint property defaults to what core and the servlet adapter default to on their own. */
class PropertyDefaultsTest {

    @Test
    void eachDefaultIsTheOneOfThePartItConfigures() {
        HooklineProperties.Endpoint endpoint = new HooklineProperties.Endpoint();

        assertThat(endpoint.getTolerance()).isEqualTo(SignatureVerifier.DEFAULT_TOLERANCE);
        assertThat(endpoint.getDuplicateWait()).isEqualTo(WebhookEndpoint.DEFAULT_DUPLICATE_WAIT);
        assertThat(endpoint.getHandlerTimeout()).isEqualTo(WebhookEndpoint.DEFAULT_HANDLER_TIMEOUT);
        assertThat(endpoint.getMaxBodySize().toBytes()).isEqualTo(WebhookServletOptions.DEFAULT_MAX_BODY_SIZE);
        assertThat(endpoint.getBodyReadTimeout()).isEqualTo(WebhookServletOptions.DEFAULT_BODY_READ_TIMEOUT);
        assertThat(endpoint.getRetryAfter()).isEqualTo(WebhookServletOptions.DEFAULT_RETRY_AFTER);
        assertThat(endpoint.getDedupe().getMaxEntries()).isEqualTo(InMemoryDeduplicator.DEFAULT_MAX_ENTRIES);
        assertThat(endpoint.getDedupe().getRetention()).as("follows the endpoint's replay window").isNull();
        assertThat(endpoint.getMaxEventAge()).as("the provider's own window").isNull();
        assertThat(endpoint.isTimestampCheck()).isTrue();
        assertThat(endpoint.isEventAgeCheck()).isTrue();
        assertThat(endpoint.getBackfill().isEnabled()).isFalse();
        assertThat(endpoint.getBackfill().getApiUrl()).isEqualTo(ExaClient.DEFAULT_BASE_URL);
        assertThat(endpoint.getBackfill().getInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(endpoint.getBackfill().getLookBack()).isEqualTo(Duration.ofDays(1));
        assertThat(endpoint.getBackfill().getTypes()).as("every type").isEmpty();
        assertThat(endpoint.getBackfill().getApiKey()).isNull();
    }
}
