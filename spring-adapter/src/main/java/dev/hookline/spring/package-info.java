/**
 * Spring Boot auto-configuration for Hookline: webhook endpoints configured under {@code hookline.endpoints},
 * served by a filter on each endpoint's exact path ahead of Spring Security, with the application's
 * {@link dev.hookline.routing.WebhookListener @WebhookListener} bean methods as handlers, a replaceable
 * {@link dev.hookline.spring.WebhookErrorHandler}, and Micrometer metrics when Micrometer is present.
 */
package dev.hookline.spring;
