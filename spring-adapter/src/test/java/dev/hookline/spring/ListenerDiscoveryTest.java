package dev.hookline.spring;

import static dev.hookline.spring.TestDeliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.Outcome;
import dev.hookline.WebhookEndpoint;
import dev.hookline.encrata.LookupCompleted;
import dev.hookline.event.WebhookEvent;
import dev.hookline.exa.WebsetItem;
import dev.hookline.routing.WebhookListener;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.context.support.SimpleThreadScope;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.JsonNode;

class ListenerDiscoveryTest {

    /** Everything the listeners below saw, in order, as "who:what". */
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HooklineAutoConfiguration.class))
            .withPropertyValues(HooklineAutoConfigurationTest.ALL_THREE);

    private static Outcome exaItem(AssertableWebApplicationContext context, String eventId, String itemId) {
        byte[] body = TestDeliveries.exaItemCreated(eventId, itemId);
        return endpoint(context, "exa").receive(delivery(body, TestDeliveries.signExa(body)));
    }

    private static Outcome encrataLookup(AssertableWebApplicationContext context, String email) {
        byte[] body = TestDeliveries.encrataLookup(email, "lu_" + email.hashCode(), Instant.now());
        return endpoint(context, "encrata").receive(delivery(body, TestDeliveries.signEncrata(body)));
    }

    private static WebhookEndpoint endpoint(AssertableWebApplicationContext context, String name) {
        return context.getBean(WebhookEndpointRegistry.class).endpoint(name);
    }

    @Test
    void typedListenersReceiveTheirRecordsOnTheEndpointsTheyApplyTo() {
        SEEN.clear();
        runner.withBean(TypedListeners.class).run(context -> {
            assertThat(exaItem(context, "evt_1", "witem_42").handlersRun()).isEqualTo(2);
            assertThat(encrataLookup(context, "ada@example.com").handlersRun()).isEqualTo(2);
            byte[] standard = TestDeliveries.standard("invoice.paid", "{\"amount\":3}");
            assertThat(endpoint(context, "standard").receive(delivery(standard,
                    TestDeliveries.signStandard(standard, "msg_1"))).handlersRun()).isEqualTo(1);

            assertThat(SEEN).containsExactly(
                    "item:witem_42", "any:exa/webset.item.created",
                    "lookup:ada@example.com", "any:encrata/lookup.completed",
                    "any:standard/invoice.paid");
        });
    }

    @Test
    void listenerBeansRunInTheirOrder() {
        SEEN.clear();
        runner.withBean("late", LateListener.class).withBean("early", EarlyListener.class).run(context -> {
            exaItem(context, "evt_ordered", "witem_1");
            assertThat(SEEN).containsExactly("early", "late");
        });
    }

    @Test
    void methodsOfAConfigurationClassAreFoundThroughItsCglibSubclass() {
        SEEN.clear();
        runner.withUserConfiguration(ListenerConfiguration.class).run(context -> {
            assertThat(context.getBean(ListenerConfiguration.class).getClass())
                    .as("a @Configuration class is enhanced").isNotEqualTo(ListenerConfiguration.class);
            exaItem(context, "evt_config", "witem_7");
            assertThat(SEEN).containsExactly("config:witem_7");
        });
    }

    @Test
    void aProxiedBeanIsCalledThroughItsProxy() {
        SEEN.clear();
        AtomicInteger intercepted = new AtomicInteger();
        BeanPostProcessor proxying = new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof ProxiedListener)) {
                    return bean;
                }
                ProxyFactory factory = new ProxyFactory(bean);
                factory.setProxyTargetClass(true);
                factory.addAdvice((MethodInterceptor) invocation -> {
                    intercepted.incrementAndGet();
                    return invocation.proceed();
                });
                return factory.getProxy();
            }
        };
        runner.withBean("proxying", BeanPostProcessor.class, () -> proxying).withBean(ProxiedListener.class)
                .run(context -> {
                    assertThat(AopUtils.isCglibProxy(context.getBean(ProxiedListener.class))).isTrue();
                    exaItem(context, "evt_proxied", "witem_9");
                    assertThat(SEEN).containsExactly("proxied:witem_9");
                    assertThat(intercepted).as("the advice ran around the listener").hasValue(1);
                });
    }

    @Test
    void aLazyListenerBeanIsCreatedAtStartUp() {
        SEEN.clear();
        runner.withUserConfiguration(LazyListenerConfiguration.class).run(context -> {
            exaItem(context, "evt_lazy", "witem_3");
            assertThat(SEEN).containsExactly("lazy:witem_3");
        });
    }

    @Test
    void aScopedBeanIsRegisteredThroughItsScopedProxy() {
        SEEN.clear();
        runner.withInitializer(context -> context.getBeanFactory().registerScope("thread", new SimpleThreadScope()))
                .withUserConfiguration(ThreadScopedConfiguration.class)
                .run(context -> {
                    exaItem(context, "evt_scoped_1", "witem_1");
                    Thread other = new Thread(() -> exaItem(context, "evt_scoped_2", "witem_2"));
                    other.start();
                    other.join(10_000);

                    assertThat(SEEN).hasSize(2);
                    assertThat(SEEN.get(0)).endsWith(":witem_1");
                    assertThat(SEEN.get(1)).endsWith(":witem_2");
                    assertThat(SEEN.get(0).split(":")[0]).as("each thread has its own target")
                            .isNotEqualTo(SEEN.get(1).split(":")[0]);
                });
    }

    @Test
    void endpointsAreBuiltWithTheirListenersEvenWhenEveryBeanIsLazy() {
        // Spring Boot leaves SmartInitializingSingleton beans such as WebhookEndpoints eager, so listeners are found
        SEEN.clear();
        runner.withInitializer(context -> context.addBeanFactoryPostProcessor(
                        new org.springframework.boot.LazyInitializationBeanFactoryPostProcessor()))
                .withBean(TypedListeners.class)
                .run(context -> {
                    exaItem(context, "evt_all_lazy", "witem_5");
                    assertThat(SEEN).containsExactly("item:witem_5", "any:exa/webset.item.created");
                });
    }

    @Test
    void aListenerForADisabledEndpointIsSimplyNotRegistered() {
        SEEN.clear();
        runner.withPropertyValues("hookline.endpoints.later.enabled=false").withBean(LaterListener.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    exaItem(context, "evt_not_later", "witem_6");
                    assertThat(SEEN).isEmpty();
                });
    }

    @Test
    void beansWithoutListenerMethodsAreLeftAlone() {
        runner.withBean(String.class, () -> "not a listener").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(endpoint(context, "exa").toString()).contains("0 handler(s)");
        });
    }

    static class TypedListeners {
        @WebhookListener(value = "webset.item.created", endpoint = "exa")
        void onItem(WebsetItem item) {
            SEEN.add("item:" + item.id());
        }

        @WebhookListener(value = "lookup.completed", endpoint = "encrata")
        void onLookup(LookupCompleted lookup) {
            SEEN.add("lookup:" + lookup.email());
        }

        @WebhookListener("*")
        void onAny(WebhookEvent event, JsonNode data) {
            SEEN.add("any:" + event.provider() + "/" + event.type());
        }
    }

    static class LaterListener {
        @WebhookListener(value = "*", endpoint = "later")
        void on(WebhookEvent event) {
            SEEN.add("later");
        }
    }

    @Order(2)
    static class LateListener {
        @WebhookListener(value = "webset.item.created", endpoint = "exa")
        void on(WebhookEvent event) {
            SEEN.add("late");
        }
    }

    @Order(1)
    static class EarlyListener {
        @WebhookListener(value = "webset.item.created", endpoint = "exa")
        void on(WebhookEvent event) {
            SEEN.add("early");
        }
    }

    @Configuration
    static class ListenerConfiguration {
        @Bean
        StringBuilder scratch() {
            return new StringBuilder();
        }

        @WebhookListener(value = "webset.item.created", endpoint = "exa")
        void onItem(WebsetItem item) {
            SEEN.add("config:" + item.id());
        }
    }

    static class ProxiedListener {
        @WebhookListener(value = "webset.item.created", endpoint = "exa")
        void onItem(WebsetItem item) {
            SEEN.add("proxied:" + item.id());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class LazyListenerConfiguration {
        @Bean
        @Lazy
        LazyListener lazyListener() {
            return new LazyListener();
        }
    }

    static class LazyListener {
        @WebhookListener(value = "webset.item.created", endpoint = "exa")
        void onItem(WebsetItem item) {
            SEEN.add("lazy:" + item.id());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ThreadScopedConfiguration {
        @Bean
        @Scope(value = "thread", proxyMode = ScopedProxyMode.TARGET_CLASS)
        ScopedListener scopedListener() {
            return new ScopedListener();
        }
    }

    static class ScopedListener {
        private static final AtomicInteger INSTANCES = new AtomicInteger();
        private final int instance = INSTANCES.incrementAndGet();

        @WebhookListener(value = "webset.item.created", endpoint = "exa")
        public void onItem(WebsetItem item) {
            SEEN.add("scoped#" + instance + ":" + item.id());
        }
    }
}
