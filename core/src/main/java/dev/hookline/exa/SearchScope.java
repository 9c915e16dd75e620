package dev.hookline.exa;

/**
 * A collection a search is limited to, optionally through a relationship ("people who work at these
 * companies").
 *
 * @param source whether {@code id} names an import or a webset
 * @param id the import's or webset's id
 * @param relationship how results relate to the scoped entities, or null to search within them directly
 */
public record SearchScope(SourceKind source, String id, Relationship relationship) {

    /**
     * How the entities found relate to the scoped ones.
     *
     * @param definition the relationship in words, such as {@code investors of}
     * @param limit at most this many results per scoped entity
     */
    public record Relationship(String definition, Integer limit) {
    }
}
