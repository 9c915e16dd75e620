/**
 * What arrives and why it may be refused: a {@link dev.hookline.delivery.Delivery} (its
 * {@link dev.hookline.delivery.Headers} and raw body) and the {@link dev.hookline.delivery.Reason} every refusal
 * carries. Depends on no other Hookline package.
 */
package dev.hookline.delivery;
