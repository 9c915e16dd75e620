package dev.hookline.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** Asserts that an application fails to start with exactly one message and action, which show no secret. */
final class StartupFailures {

    private StartupFailures() {
    }

    /**
     * Starts the application and checks the {@link WebhookConfigurationException} that stopped it.
     *
     * @param neverShown values that must appear in neither the message nor the action
     */
    static void assertFails(WebApplicationContextRunner runner, String message, String action, String... neverShown) {
        runner.run(context -> {
            assertThat(context).hasFailed();
            WebhookConfigurationException cause = null;
            for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                if (t instanceof WebhookConfigurationException e) {
                    cause = e;
                    break;
                }
            }
            assertThat(cause).as("a WebhookConfigurationException").isNotNull();
            assertThat(cause.getMessage()).isEqualTo(message);
            assertThat(cause.action()).isEqualTo(action);
            for (String value : neverShown) {
                assertThat(message + action).doesNotContain(value);
            }
        });
    }
}
