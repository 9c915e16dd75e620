/**
 * Hookline's entry point: a {@link dev.hookline.WebhookEndpoint} turns a {@link dev.hookline.Delivery}
 * (headers and raw body) into an {@link dev.hookline.Outcome}, verifying, parsing, deduplicating and
 * routing on the way. {@link dev.hookline.Providers} holds the built-in senders.
 */
package dev.hookline;
