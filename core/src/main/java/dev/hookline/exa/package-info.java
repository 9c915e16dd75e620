/**
 * Typed events of Exa Websets: the resources their {@code data} binds to and the {@link
 * dev.hookline.exa.ExaEvents event type keys}.
 *
 * <p>Every record component may be null: Exa omits fields freely and adds new ones, so unknown fields
 * are ignored and unknown enum values read as the enum's {@code UNKNOWN} constant.
 */
package dev.hookline.exa;
