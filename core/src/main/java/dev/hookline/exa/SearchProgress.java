package dev.hookline.exa;

/**
 * How far a search has got.
 *
 * @param found results that met every criterion so far
 * @param analyzed candidates evaluated so far
 * @param completion percentage complete, 0 to 100
 * @param timeLeft estimated seconds until completion, or null when unknown
 */
public record SearchProgress(Integer found, Integer analyzed, Double completion, Integer timeLeft) {
}
