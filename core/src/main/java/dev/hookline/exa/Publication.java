package dev.hookline.exa;

/**
 * The details of an article, research paper or custom item.
 *
 * @param title the title
 * @param author the author or authors, as one string
 * @param publishedAt the publication date as sent: sometimes a date, sometimes a date-time, so it is
 *     left as text
 */
public record Publication(String title, String author, String publishedAt) {
}
