/**
 * Signature schemes that verify and sign deliveries over their raw bytes: the built-ins in
 * {@link dev.hookline.signature.SignatureSchemes}, a standalone {@link dev.hookline.signature.SignatureVerifier},
 * and {@link dev.hookline.signature.WebhookSigner} for senders and tests.
 */
package dev.hookline.signature;
