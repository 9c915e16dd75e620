package dev.hookline.spring;

import static dev.hookline.spring.TestDeliveries.EXA_SECRET;
import static dev.hookline.spring.TestDeliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.hookline.Outcome;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.event.Receipt;
import dev.hookline.exa.WebsetItem;
import dev.hookline.routing.WebhookListener;
import dev.hookline.servlet.WebhookServletOptions;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.support.StaticApplicationContext;

/** The registry is replaceable, endpoints can be added in code, and the filter finds them through it. */
class EndpointRegistryTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HooklineAutoConfiguration.class));

    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    static final class CodeListener {
        @WebhookListener(value = "webset.item.created", endpoint = "in-code")
        void onItem(WebsetItem item, Receipt receipt) {
            SEEN.add(receipt.endpoint() + ":" + item.id());
        }
    }

    private static EndpointDefinition inCode(String path) {
        return new EndpointDefinition("in-code", path,
                () -> WebhookEndpoint.builder(Providers.exa()).secret(EXA_SECRET), WebhookServletOptions.defaults());
    }

    @SuppressWarnings("unchecked")
    private static FilterRegistrationBean<Filter> registration(AssertableWebApplicationContext context) {
        return context.getBean(HooklineAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class);
    }

    private static Outcome.Status receive(WebhookEndpoint endpoint, String id) {
        byte[] body = TestDeliveries.exaItemCreated(id, "witem_" + id);
        return endpoint.receive(delivery(body, TestDeliveries.signExa(body))).status();
    }

    @Test
    void anEndpointDefinitionBeanAddsAnEndpointBesideThoseOfTheProperties() {
        SEEN.clear();
        runner.withPropertyValues("hookline.endpoints.exa.path=/webhooks/exa",
                        "hookline.endpoints.exa.secrets[0]=" + EXA_SECRET)
                .withBean(EndpointDefinition.class, () -> inCode("/webhooks/in-code"))
                .withBean(CodeListener.class)
                .run(context -> {
                    WebhookEndpointRegistry registry = context.getBean(WebhookEndpointRegistry.class);
                    assertThat(registry.definitions()).extracting(EndpointDefinition::name)
                            .containsExactly("exa", "in-code");
                    assertThat(registration(context).getUrlPatterns())
                            .containsExactly("/webhooks/exa", "/webhooks/in-code");

                    assertThat(receive(registry.endpoint("in-code"), "evt_code")).isEqualTo(Outcome.Status.ACCEPTED);
                    assertThat(receive(registry.endpoint("exa"), "evt_props")).isEqualTo(Outcome.Status.ACCEPTED);
                    assertThat(SEEN).containsExactly("in-code:witem_evt_code");
                });
    }

    @Test
    void anEndpointInCodeOnAPathThePropertiesAlreadyUseStopsStartUp() {
        runner.withPropertyValues("hookline.endpoints.exa.path=/webhooks/exa",
                        "hookline.endpoints.exa.secrets[0]=" + EXA_SECRET)
                .withBean(EndpointDefinition.class, () -> inCode("/webhooks/exa"))
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().isInstanceOf(WebhookConfigurationException.class)
                        .hasMessage("Webhook endpoints 'exa' and 'in-code' both answer '/webhooks/exa'"));
    }

    @Test
    void aRegistryOfTheApplicationsOwnReplacesTheDefaultAndGetsItsListenersAndFilter() {
        SEEN.clear();
        WebhookEndpointRegistry own = new InMemoryWebhookEndpointRegistry(List.of(inCode("/hooks/own")));
        runner.withPropertyValues("hookline.endpoints.exa.path=/webhooks/exa",
                        "hookline.endpoints.exa.secrets[0]=" + EXA_SECRET)
                .withBean(WebhookEndpointRegistry.class, () -> own)
                .withBean(CodeListener.class)
                .run(context -> {
                    assertThat(context.getBean(WebhookEndpointRegistry.class)).isSameAs(own);
                    assertThat(own.definitions()).extracting(EndpointDefinition::name).containsExactly("in-code");
                    assertThat(registration(context).getUrlPatterns()).containsExactly("/hooks/own");
                    assertThat(receive(own.endpoint("in-code"), "evt_own")).isEqualTo(Outcome.Status.ACCEPTED);
                    assertThat(SEEN).containsExactly("in-code:witem_evt_own");
                });
    }

    @Test
    void theMapperTurnsPropertiesIntoDefinitionsOnItsOwn() {
        HooklineProperties properties = Binder.get(new StaticApplicationContext().getEnvironment()).bindOrCreate("hookline",
                HooklineProperties.class);
        properties = new Binder(new MapConfigurationPropertySource(java.util.Map.of(
                "hookline.endpoints.exa.path", "/webhooks/exa",
                "hookline.endpoints.exa.secrets[0]", EXA_SECRET,
                "hookline.endpoints.exa.max-body-size", "64KB",
                "hookline.endpoints.exa.body-read-timeout", "2s")))
                .bindOrCreate("hookline", HooklineProperties.class);

        List<EndpointDefinition> definitions = new HooklinePropertiesMapper(properties, new StaticApplicationContext())
                .asDefinitions();

        assertThat(definitions).singleElement().satisfies(definition -> {
            assertThat(definition.name()).isEqualTo("exa");
            assertThat(definition.path()).isEqualTo("/webhooks/exa");
            assertThat(definition.options().maxBodySize()).isEqualTo(65_536);
            assertThat(definition.options().bodyReadTimeout()).hasSeconds(2);
            assertThat(definition.options().logFailures()).isFalse();
            WebhookEndpoint endpoint = definition.builder().get().build();
            assertThat(endpoint.name()).isEqualTo("exa");
            assertThat(receive(endpoint, "evt_mapped")).isEqualTo(Outcome.Status.ACCEPTED);
        });
    }

    @Test
    void aRequestBeforeItsEndpointIsBuiltIsAskedToComeBackAndGoesNoFurther() throws Exception {
        WebhookEndpointRegistry registry = new InMemoryWebhookEndpointRegistry(List.of(inCode("/hooks/own")));
        WebhookRequestFilter filter = new WebhookRequestFilter(registry, List.of());
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getRequestURI()).thenReturn("/app/hooks/own");
        when(request.getContextPath()).thenReturn("/app");
        HttpServletResponse response = mock(HttpServletResponse.class);
        FilterChain chain = mock(FilterChain.class);

        filter.doFilter(request, response, chain);

        verify(response).setStatus(503);
        verify(response).setHeader("Retry-After", "1");
        verifyNoInteractions(chain);
    }
}
