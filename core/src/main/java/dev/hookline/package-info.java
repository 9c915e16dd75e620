/**
 * Hookline's entry point. A {@link dev.hookline.WebhookEndpoint} turns a {@link dev.hookline.delivery.Delivery}
 * (headers and raw body) into an {@link dev.hookline.Outcome} in two stages, each usable on its own:
 * {@link dev.hookline.Acceptor} (verify the signature, read the envelope, check the event's age: a storable
 * {@link dev.hookline.event.VerifiedEvent} or a rejection) and {@link dev.hookline.Dispatcher} (deduplicate, run
 * the handlers, settle). {@link dev.hookline.Providers} holds the built-in senders.
 *
 * <p>The packages and their arrows, which point one way only:
 * <ul>
 *   <li>{@code dev.hookline} (endpoint, stages, providers, outcomes) uses every package below;</li>
 *   <li>{@code routing} (handlers, listener methods) uses {@code event};</li>
 *   <li>{@code event} (envelopes, verified events, typed keys, catalogues) and {@code signature} (schemes,
 *       verifier, signer) use {@code delivery};</li>
 *   <li>{@code dedupe} (the deduplication contract and the in-memory store) and {@code delivery} (what arrived:
 *       {@link dev.hookline.delivery.Delivery}, {@link dev.hookline.delivery.Headers}, and
 *       {@link dev.hookline.delivery.Reason}, why it was refused) use none;</li>
 *   <li>{@code exa} and {@code encrata} hold the providers' event records and catalogues.</li>
 * </ul>
 *
 * <p>Words keep one role each: a <em>handler</em> runs for an event (an {@link dev.hookline.routing.EventHandler},
 * or a method of a <em>listener</em> object marked {@link dev.hookline.routing.WebhookListener}); an
 * <em>observer</em> is told what became of deliveries ({@link dev.hookline.OutcomeObserver}).
 */
package dev.hookline;
