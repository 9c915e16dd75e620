package dev.hookline.exa;

/**
 * What a search or import collects.
 *
 * @param type the kind of entity
 * @param description for {@link EntityType#CUSTOM} entities, what they are; usually absent otherwise
 */
public record WebsetEntity(EntityType type, String description) {
}
