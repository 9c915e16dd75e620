package dev.hookline.exa;

/**
 * An item that is a custom entity ({@code properties.type: "custom"}).
 *
 * @param type {@code custom}
 * @param url where it was found
 * @param description a short description
 * @param content its text
 * @param custom the details, under the key {@code custom}
 */
public record CustomProperties(String type, String url, String description, String content, Publication custom)
        implements WebsetItemProperties {
}
