package dev.hookline.exa;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What an item is, discriminated by {@code properties.type}; the details sit under a key named after
 * the type ({@code person}, {@code company}, {@code article}, {@code researchPaper}, {@code custom}).
 *
 * <pre>{@code
 * if (item.properties() instanceof CompanyProperties company) {
 *     crm.upsert(company.company().name(), company.url());
 * }
 * }</pre>
 *
 * <p>A type this version does not know, or a missing type, binds to {@link UnknownProperties}.
 */
@JsonTypeInfo(
        use = JsonTypeInfo.Id.NAME,
        include = JsonTypeInfo.As.EXISTING_PROPERTY,
        property = "type",
        visible = true,
        defaultImpl = UnknownProperties.class)
@JsonSubTypes({
    @JsonSubTypes.Type(value = PersonProperties.class, name = "person"),
    @JsonSubTypes.Type(value = CompanyProperties.class, name = "company"),
    @JsonSubTypes.Type(value = ArticleProperties.class, name = "article"),
    @JsonSubTypes.Type(value = ResearchPaperProperties.class, name = "research_paper"),
    @JsonSubTypes.Type(value = CustomProperties.class, name = "custom")
})
public sealed interface WebsetItemProperties
        permits PersonProperties, CompanyProperties, ArticleProperties, ResearchPaperProperties,
                CustomProperties, UnknownProperties {

    /** The discriminator as sent, such as {@code company} or {@code research_paper}. */
    String type();

    /** The entity's main web address. */
    String url();

    /** A short description of the entity. */
    String description();
}
