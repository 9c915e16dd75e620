/**
 * Deduplication of redeliveries: the {@link dev.hookline.dedupe.Deduplicator} protocol and its bounded
 * in-memory default.
 */
package dev.hookline.dedupe;
