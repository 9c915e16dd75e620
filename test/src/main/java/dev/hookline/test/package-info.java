/**
 * A test kit for the handlers of an application that receives webhooks with Hookline: deliveries signed the way
 * each built-in provider signs them ({@link dev.hookline.test.SignedDelivery}), from realistic sample payloads
 * ({@link dev.hookline.test.SamplePayloads}), records or raw JSON, genuine or spoiled on purpose (tampered,
 * stale, under a wrong secret); sent to a {@link dev.hookline.WebhookEndpoint} or over HTTP, with the answer read
 * as a {@link dev.hookline.test.WebhookResponse} and checked by {@link dev.hookline.test.WebhookAssertions}.
 *
 * <p>Depends on Hookline's core alone. {@link dev.hookline.test.spring} sends the same deliveries through Spring's
 * test clients.
 */
package dev.hookline.test;
