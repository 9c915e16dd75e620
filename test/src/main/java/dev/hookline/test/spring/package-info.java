/**
 * Sends {@link dev.hookline.test.SignedDelivery signed deliveries} through Spring's test clients:
 * {@link org.springframework.test.web.servlet.MockMvc} ({@link dev.hookline.test.spring.MockMvcDeliveries}) and
 * Spring Framework 7's {@link org.springframework.test.web.servlet.client.RestTestClient}
 * ({@link dev.hookline.test.spring.RestTestClientDeliveries}), bound to MockMvc or to a running server.
 *
 * <p>Needs {@code spring-test} and {@code spring-web} on the test class path, which a Spring application's tests
 * have; the kit brings neither, so nothing here is loaded without them.
 */
package dev.hookline.test.spring;
