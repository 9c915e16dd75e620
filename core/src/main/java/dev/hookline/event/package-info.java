/**
 * Verified events: {@link dev.hookline.event.WebhookEvent}, typed keys ({@link dev.hookline.event.EventType}),
 * provider catalogues and the envelope formats that read them.
 */
package dev.hookline.event;
