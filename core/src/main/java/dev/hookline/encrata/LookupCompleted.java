package dev.hookline.encrata;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The data of {@code lookup.completed}: an email lookup has finished.
 *
 * @param email the address looked up
 * @param lookupId the lookup's id, from {@code lookup_id}; may be absent
 * @param test true when the dashboard sent this as a test delivery
 */
public record LookupCompleted(String email, @JsonProperty("lookup_id") String lookupId, Boolean test) {
}
