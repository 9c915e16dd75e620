package dev.hookline.exa;

/**
 * An item that is a research paper ({@code properties.type: "research_paper"}).
 *
 * @param type {@code research_paper}
 * @param url where it was found
 * @param description a short description
 * @param content its text
 * @param researchPaper the details, under the key {@code researchPaper}
 */
public record ResearchPaperProperties(String type, String url, String description, String content, Publication researchPaper)
        implements WebsetItemProperties {
}
