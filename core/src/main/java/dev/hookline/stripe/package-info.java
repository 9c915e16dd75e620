/**
 * Stripe's events, as {@link dev.hookline.Providers#stripe()} receives them: {@link dev.hookline.stripe.StripeData}
 * binds an event's data to the application's own classes.
 */
package dev.hookline.stripe;
