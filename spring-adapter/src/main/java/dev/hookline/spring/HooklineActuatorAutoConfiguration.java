package dev.hookline.spring;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Keeps webhook secrets out of Actuator's {@code configprops} and {@code env} endpoints when the application uses
 * Actuator, whatever {@code management.endpoint.configprops.show-values} and
 * {@code management.endpoint.env.show-values} say: every {@code hookline.endpoints.<name>.secrets} value, in any
 * spelling and from any property source, and every value that contains a configured secret (such as the
 * environment variable a {@code ${EXA_WEBHOOK_SECRET}} placeholder reads) is shown as {@code ******}.
 *
 * <p>Active even with {@code hookline.enabled=false}, since the secrets may still be in the environment. The
 * {@link SanitizingFunction} bean is named {@code hooklineSecretSanitizingFunction}; a bean of that name replaces it.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class HooklineActuatorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "hooklineSecretSanitizingFunction")
    SanitizingFunction hooklineSecretSanitizingFunction(ObjectProvider<HooklineProperties> properties) {
        return new SecretSanitizingFunction(properties);
    }
}
