package dev.hookline.exa;

/**
 * A collection whose entities a webset or search leaves out.
 *
 * @param source whether {@code id} names an import or a webset
 * @param id the import's or webset's id
 */
public record Exclude(SourceKind source, String id) {
}
