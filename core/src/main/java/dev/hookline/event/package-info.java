/**
 * Verified events: the storable {@link dev.hookline.event.VerifiedEvent}, the handlers' view of it
 * ({@link dev.hookline.event.WebhookEvent}, with its {@link dev.hookline.event.Receipt}), typed keys
 * ({@link dev.hookline.event.EventType}), provider catalogues, and the envelope formats that read a verified body.
 */
package dev.hookline.event;
