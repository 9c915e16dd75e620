package dev.hookline.exa;

/**
 * A source Exa cites for an evaluation or an enrichment result.
 *
 * @param title the page title
 * @param snippet the relevant passage
 * @param url the page address
 */
public record Reference(String title, String snippet, String url) {
}
