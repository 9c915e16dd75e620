package dev.hookline.encrata;

/**
 * The data of {@code test}, sent from the dashboard to check an endpoint.
 *
 * @param message a human-readable note
 * @param test the test flag, when present
 */
public record TestEvent(String message, Boolean test) {
}
