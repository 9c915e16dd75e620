package dev.hookline.exa;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An item whose {@code properties.type} this version does not know, or that has none. The common fields
 * are bound; everything else is kept as JSON.
 *
 * @param type the discriminator as sent, or null when missing
 * @param url the entity's main web address
 * @param description a short description
 * @param content its text
 * @param other every other field of {@code properties}, by name (for a new type, typically one object
 *     under a key named after it)
 */
public record UnknownProperties(String type, String url, String description, String content,
                                @JsonAnySetter Map<String, JsonNode> other)
        implements WebsetItemProperties {
}
