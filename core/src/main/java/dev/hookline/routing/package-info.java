/**
 * Routing of events to handlers: typed keys, type names, prefix patterns and catch-alls, and
 * {@link dev.hookline.routing.WebhookListener} methods inspected once at registration.
 */
package dev.hookline.routing;
