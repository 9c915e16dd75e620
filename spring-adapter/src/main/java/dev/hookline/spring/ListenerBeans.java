package dev.hookline.spring;

import dev.hookline.routing.WebhookListener;
import dev.hookline.routing.ListenerMethods;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * Finds the beans that declare {@link WebhookListener} methods, once every singleton exists.
 *
 * <p>Decisions are made on each bean's user class (the class the application wrote, not a CGLIB subclass), read
 * from the bean definitions, so no bean is created just to be looked at. A bean that has listener methods is then
 * fetched: a lazy singleton is created now, since it must be registered before deliveries arrive. A bean of
 * another scope cannot be registered once, so it stops the application, unless it has a scoped proxy (the proxy is
 * a singleton that finds the current target on each call). A JDK dynamic proxy hides its class's methods, so it
 * stops the application too.
 */
final class ListenerBeans {

    private static final Log LOG = LogFactory.getLog(ListenerBeans.class);

    private ListenerBeans() {
    }

    /**
     * A bean with listener methods.
     *
     * @param name its bean name
     * @param bean the instance to register, possibly a proxy
     * @param userClass the class whose methods were found
     * @param methods its annotated methods and those of its superclasses
     */
    record Found(String name, Object bean, Class<?> userClass, List<Method> methods) {

        /** Whether any of its methods listens to the endpoint, naming it or naming none. */
        boolean appliesTo(String endpoint) {
            for (Method method : methods) {
                String wanted = method.getAnnotation(WebhookListener.class).endpoint();
                if (wanted.isEmpty() || wanted.equals(endpoint)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Every bean with listener methods, in {@link org.springframework.core.annotation.Order} and then
     * registration order.
     *
     * @throws WebhookConfigurationException for a bean that is neither a singleton nor a scoped proxy, or is a
     *     JDK dynamic proxy
     */
    static List<Found> find(ConfigurableListableBeanFactory beanFactory) {
        List<Found> found = new ArrayList<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (String name : beanFactory.getBeanNamesForType(Object.class, true, false)) {
            if (ScopedProxyUtils.isScopedTarget(name)) {
                continue; // the scoped proxy, registered under the plain name, stands for it
            }
            Class<?> type = typeOf(beanFactory, name);
            if (type == null) {
                continue;
            }
            Class<?> userClass = ClassUtils.getUserClass(type);
            if (!AnnotationUtils.isCandidateClass(userClass, WebhookListener.class)) {
                continue;
            }
            List<Method> methods = listenerMethods(userClass);
            if (methods.isEmpty()) {
                continue;
            }
            if (!beanFactory.isSingleton(name)) {
                throw new WebhookConfigurationException("Bean '" + name + "' (" + userClass.getName()
                        + ") has @WebhookListener methods but is not a singleton (scope '" + scope(beanFactory, name)
                        + "')", "Make the bean a singleton, or give it a scoped proxy "
                        + "(@Scope(proxyMode = ScopedProxyMode.TARGET_CLASS)) so that one instance can be registered.");
            }
            Object bean = beanFactory.getBean(name);
            if (AopUtils.isJdkDynamicProxy(bean) || Proxy.isProxyClass(bean.getClass())) {
                throw new WebhookConfigurationException("Bean '" + name + "' (" + userClass.getName()
                        + ") has @WebhookListener methods but is a JDK dynamic proxy, which hides them",
                        "Proxy the bean by its class (spring.aop.proxy-target-class=true, Spring Boot's default), "
                                + "or move the listener methods to a bean that is not proxied.");
            }
            if (seen.add(bean)) {
                found.add(new Found(name, bean, userClass, methods));
            }
        }
        found.sort((a, b) -> AnnotationAwareOrderComparator.INSTANCE.compare(a.bean(), b.bean()));
        return List.copyOf(found);
    }

    private static Class<?> typeOf(ConfigurableListableBeanFactory beanFactory, String name) {
        try {
            Class<?> type = AutoProxyUtils.determineTargetClass(beanFactory, name);
            if (type != null && Proxy.isProxyClass(type) && beanFactory.containsBeanDefinition(name)) {
                // a JDK proxy made without an auto-proxy creator: the definition still tells what it wraps
                Class<?> declared = beanFactory.getMergedBeanDefinition(name).getResolvableType().resolve();
                return declared == null ? type : declared;
            }
            return type;
        } catch (RuntimeException | LinkageError e) {
            // a bean whose type cannot be told without creating it cannot be told to declare listeners either
            LOG.debug("Could not determine the type of bean '" + name + "'; not looking for @WebhookListener", e);
            return null;
        }
    }

    private static String scope(ConfigurableListableBeanFactory beanFactory, String name) {
        if (!beanFactory.containsBeanDefinition(name)) {
            return "unknown";
        }
        String scope = beanFactory.getMergedBeanDefinition(name).getScope();
        return scope == null || scope.isEmpty() ? BeanDefinition.SCOPE_PROTOTYPE : scope;
    }

    /** The listener methods of a class, as core finds them; none if the class cannot be inspected. */
    static List<Method> listenerMethods(Class<?> type) {
        try {
            return ListenerMethods.find(type);
        } catch (LinkageError e) {
            // a class that refers to something missing from the classpath declares no usable listener
            LOG.debug("Could not inspect " + type.getName() + " for @WebhookListener methods", e);
            return List.of();
        }
    }
}
