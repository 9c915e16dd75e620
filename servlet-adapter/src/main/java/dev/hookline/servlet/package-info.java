/**
 * Receives webhooks in any Jakarta Servlet 6 container: {@link dev.hookline.servlet.WebhookServlet} and
 * {@link dev.hookline.servlet.WebhookFilter} read a request's headers and body (up to a limit), hand them to
 * a {@link dev.hookline.WebhookEndpoint}, and turn its {@link dev.hookline.Outcome} into a status and, for
 * errors, an {@code application/problem+json} body.
 */
package dev.hookline.servlet;
