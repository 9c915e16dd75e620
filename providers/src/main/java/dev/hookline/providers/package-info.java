/**
 * Clients of the providers' management APIs, and the recovery of missed events.
 *
 * <ul>
 *   <li>{@link dev.hookline.providers.ExaClient}: Exa Websets webhooks (create, get, list, update, delete), their
 *       delivery attempts, the events Exa emitted, and {@link dev.hookline.providers.ExaClient#backfill
 *       backfill}, which dispatches missed events through a {@link dev.hookline.WebhookEndpoint} so that its
 *       deduplication skips what was already handled.</li>
 *   <li>{@link dev.hookline.providers.EncrataClient}: Encrata webhooks (create, list, get, update, pause, delete),
 *       test deliveries and recent deliveries.</li>
 * </ul>
 *
 * <p>Both use the JDK's {@link java.net.http.HttpClient} and Hookline's lenient JSON settings (unknown fields
 * ignored, unknown enum values read as {@code UNKNOWN}). Every failure is a
 * {@link dev.hookline.providers.ProviderApiException}; transient ones are retried as a
 * {@link dev.hookline.providers.RetryPolicy} says. API keys are given by the caller, and neither they nor webhook
 * secrets appear in a log line, a {@code toString()} or an exception.
 */
package dev.hookline.providers;
