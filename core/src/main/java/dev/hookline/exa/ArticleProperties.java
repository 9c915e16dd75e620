package dev.hookline.exa;

/**
 * An item that is an article ({@code properties.type: "article"}).
 *
 * @param type {@code article}
 * @param url where it was found
 * @param description a short description
 * @param content its text
 * @param article the details, under the key {@code article}
 */
public record ArticleProperties(String type, String url, String description, String content, Publication article)
        implements WebsetItemProperties {
}
