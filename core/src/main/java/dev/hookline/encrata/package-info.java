/**
 * Typed events of Encrata: the records their {@code data} binds to and the {@link
 * dev.hookline.encrata.EncrataEvents event type keys}.
 *
 * <p>Every record component may be null. A dashboard test may resend a subscribed event with
 * {@code data.test = true}; the typed records expose that flag so handlers can skip test deliveries.
 */
package dev.hookline.encrata;
