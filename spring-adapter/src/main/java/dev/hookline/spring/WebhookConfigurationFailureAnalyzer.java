package dev.hookline.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a {@link WebhookConfigurationException} as what is wrong and what to do, without a stack trace. */
final class WebhookConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<WebhookConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, WebhookConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
