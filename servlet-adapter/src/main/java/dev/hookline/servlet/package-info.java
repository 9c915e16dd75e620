/**
 * Receives webhooks in any Jakarta Servlet 6 container: {@link dev.hookline.servlet.WebhookServlet} and
 * {@link dev.hookline.servlet.WebhookFilter} read a request's headers and body (up to a limit), hand them to
 * a {@link dev.hookline.WebhookEndpoint}, and turn its {@link dev.hookline.Outcome} into a status and, for
 * errors, an {@code application/problem+json} body. A {@link dev.hookline.servlet.DeliveryReceiver} in the options
 * may take the endpoint's place for whole bodies, such as a durable inbox that answers once the event is stored.
 */
package dev.hookline.servlet;
