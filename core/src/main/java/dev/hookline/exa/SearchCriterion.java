package dev.hookline.exa;

/**
 * A condition every result of a search is evaluated against.
 *
 * @param description the condition in words
 * @param successRate the share of analysed candidates that met it so far, 0 to 100
 */
public record SearchCriterion(String description, Double successRate) {
}
