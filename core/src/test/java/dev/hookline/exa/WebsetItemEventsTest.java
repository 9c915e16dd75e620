package dev.hookline.exa;

import static dev.hookline.exa.ExaFixtures.ENRICHMENT_EMAIL;
import static dev.hookline.exa.ExaFixtures.ENRICHMENT_FUNDING;
import static dev.hookline.exa.ExaFixtures.ENRICHMENT_MODEL;
import static dev.hookline.exa.ExaFixtures.ITEM_COMPANY;
import static dev.hookline.exa.ExaFixtures.ITEM_PERSON;
import static dev.hookline.exa.ExaFixtures.SEARCH_COMPANIES;
import static dev.hookline.exa.ExaFixtures.SEARCH_PEOPLE;
import static dev.hookline.exa.ExaFixtures.WEBSET_COMPANIES;
import static dev.hookline.exa.ExaFixtures.WEBSET_PEOPLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.event.EventJson;
import dev.hookline.event.WebhookEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class WebsetItemEventsTest {

    @Test
    void itemCreatedIsAPerson() {
        WebhookEvent event = ExaFixtures.event("webset.item.created");
        WebsetItem item = event.data(ExaEvents.WEBSET_ITEM_CREATED);

        assertThat(event.id()).isEqualTo("event_01k9yarpv6nd6wk2hx9fy5cbt7");
        assertThat(item.id()).isEqualTo(ITEM_PERSON);
        assertThat(item.object()).isEqualTo("webset_item");
        assertThat(item.source()).isEqualTo(WebsetItem.Source.SEARCH);
        assertThat(item.sourceId()).isEqualTo(SEARCH_PEOPLE);
        assertThat(item.websetId()).isEqualTo(WEBSET_PEOPLE);
        assertThat(item.enrichments()).isNull();
        assertThat(item.createdAt()).isEqualTo(Instant.parse("2025-11-13T10:04:21.660Z"));

        assertThat(item.properties()).isInstanceOf(PersonProperties.class);
        PersonProperties properties = (PersonProperties) item.properties();
        assertThat(properties.type()).isEqualTo("person");
        assertThat(properties.url()).isEqualTo("https://www.linkedin.com/in/jonas-vehrenkamp");
        assertThat(properties.description()).startsWith("Jonas Vehrenkamp is VP of Engineering at Kontora");
        PersonProperties.Person person = properties.person();
        assertThat(person.name()).isEqualTo("Jonas Vehrenkamp");
        assertThat(person.location()).isEqualTo("Berlin, Germany");
        assertThat(person.position()).isEqualTo("VP of Engineering");
        assertThat(person.company()).isEqualTo(new PersonProperties.Employer("Kontora", "Berlin, Germany"));
        assertThat(person.pictureUrl()).startsWith("https://media.licdn.com/dms/image/");

        assertThat(item.evaluations()).hasSize(2);
        Evaluation role = item.evaluations().get(0);
        assertThat(role.criterion()).isEqualTo("Currently VP of Engineering, Head of Engineering or CTO");
        assertThat(role.satisfied()).isEqualTo(Evaluation.Satisfied.YES);
        assertThat(role.references()).containsExactly(new Reference(
                "Jonas Vehrenkamp - VP of Engineering - Kontora | LinkedIn",
                "VP of Engineering · Kontora · Mar 2024 - Present · Berlin",
                "https://www.linkedin.com/in/jonas-vehrenkamp"));
        assertThat(item.evaluations().get(1).references()).isEmpty();
    }

    @Test
    void itemEnrichedIsACompanyWithEvaluationsAndEnrichmentResults() {
        WebhookEvent event = ExaFixtures.event("webset.item.enriched");
        WebsetItem item = event.data(ExaEvents.WEBSET_ITEM_ENRICHED);

        assertThat(event.createdAt()).isEqualTo(Instant.parse("2025-11-12T22:09:12.845Z"));
        assertThat(item.id()).isEqualTo(ITEM_COMPANY);
        assertThat(item.sourceId()).isEqualTo(SEARCH_COMPANIES);
        assertThat(item.websetId()).isEqualTo(WEBSET_COMPANIES);
        assertThat(item.updatedAt()).isEqualTo(Instant.parse("2025-11-12T22:09:12.781Z"));

        assertThat(item.properties()).isInstanceOf(CompanyProperties.class);
        CompanyProperties properties = (CompanyProperties) item.properties();
        assertThat(properties.type()).isEqualTo("company");
        assertThat(properties.url()).isEqualTo("https://www.ledgerwise.dk");
        assertThat(properties.content()).startsWith("Ledgerwise connects to your bank and invoicing tools");
        CompanyProperties.Company company = properties.company();
        assertThat(company.name()).isEqualTo("Ledgerwise");
        assertThat(company.location()).isEqualTo("Copenhagen, Denmark");
        assertThat(company.employees()).isEqualTo(64);
        assertThat(company.industry()).isEqualTo("Financial Services");
        assertThat(company.about()).startsWith("Ledgerwise builds automated bookkeeping");
        assertThat(company.logoUrl()).startsWith("https://media.licdn.com/dms/image/");

        assertThat(item.evaluations()).hasSize(3);
        assertThat(item.evaluations()).extracting(Evaluation::satisfied).containsOnly(Evaluation.Satisfied.YES);
        assertThat(item.evaluations().get(2).reasoning()).isEqualTo("EU-Startups reported a $14M Series A in June 2025.");
        assertThat(item.evaluations().get(2).references()).extracting(Reference::url)
                .containsExactly("https://www.eu-startups.com/2025/06/ledgerwise-raises-14m-series-a/");

        assertThat(item.enrichments()).extracting(EnrichmentResult::enrichmentId)
                .containsExactly(ENRICHMENT_FUNDING, ENRICHMENT_EMAIL, ENRICHMENT_MODEL);
        assertThat(item.enrichments()).extracting(EnrichmentResult::object).containsOnly("enrichment_result");
        assertThat(item.enrichments()).extracting(EnrichmentResult::status).containsOnly(EnrichmentStatus.COMPLETED);
        assertThat(item.enrichments()).extracting(EnrichmentResult::format)
                .containsExactly(EnrichmentFormat.NUMBER, EnrichmentFormat.EMAIL, EnrichmentFormat.OPTIONS);
        assertThat(item.enrichments()).extracting(EnrichmentResult::result).containsExactly(
                List.of("17500000"), List.of("freja@ledgerwise.dk"), List.of("B2B"));
        assertThat(item.enrichments().get(1).references()).containsExactly(new Reference(
                "Contact - Ledgerwise", "Press and partnerships: freja@ledgerwise.dk",
                "https://www.ledgerwise.dk/contact"));
    }

    @Test
    void articleProperties() {
        WebsetItemProperties properties = itemWithProperties("""
                {"type": "article", "url": "https://example.com/a", "description": "d", "content": "c",
                 "article": {"title": "Open banking in 2025", "author": "A. Writer", "publishedAt": "2025-03-04"}}
                """);

        assertThat(properties).isEqualTo(new ArticleProperties("article", "https://example.com/a", "d", "c",
                new Publication("Open banking in 2025", "A. Writer", "2025-03-04")));
    }

    @Test
    void researchPaperPropertiesUseTheCamelCaseKey() {
        WebsetItemProperties properties = itemWithProperties("""
                {"type": "research_paper", "url": "https://arxiv.org/abs/2501.00001", "description": "d",
                 "content": "Abstract", "researchPaper": {"title": "Ledgers at scale", "author": "B. Author",
                 "publishedAt": "2025-01-02T00:00:00.000Z"}}
                """);

        assertThat(properties).isInstanceOf(ResearchPaperProperties.class);
        ResearchPaperProperties paper = (ResearchPaperProperties) properties;
        assertThat(paper.type()).isEqualTo("research_paper");
        assertThat(paper.content()).isEqualTo("Abstract");
        assertThat(paper.researchPaper())
                .isEqualTo(new Publication("Ledgers at scale", "B. Author", "2025-01-02T00:00:00.000Z"));
    }

    @Test
    void customProperties() {
        WebsetItemProperties properties = itemWithProperties("""
                {"type": "custom", "url": "https://example.com/c", "description": "d", "content": "c",
                 "custom": {"title": "A podcast episode", "author": null, "publishedAt": null}}
                """);

        assertThat(properties).isEqualTo(new CustomProperties("custom", "https://example.com/c", "d", "c",
                new Publication("A podcast episode", null, null)));
    }

    @Test
    void unknownPropertiesTypeBindsToTheFallbackKeepingTheRest() {
        WebsetItemProperties properties = itemWithProperties("""
                {"type": "patent", "url": "https://example.com/p", "description": "d", "content": "c",
                 "patent": {"number": "EP4000000", "assignee": "Ledgerwise ApS"}}
                """);

        assertThat(properties).isInstanceOf(UnknownProperties.class);
        UnknownProperties unknown = (UnknownProperties) properties;
        assertThat(unknown.type()).isEqualTo("patent");
        assertThat(unknown.url()).isEqualTo("https://example.com/p");
        assertThat(unknown.description()).isEqualTo("d");
        assertThat(unknown.content()).isEqualTo("c");
        assertThat(unknown.other()).containsOnlyKeys("patent");
        assertThat(unknown.other().get("patent").get("number").stringValue()).isEqualTo("EP4000000");
    }

    @Test
    void missingPropertiesTypeBindsToTheFallback() {
        WebsetItemProperties properties = itemWithProperties("""
                {"url": "https://example.com/x", "description": "d"}
                """);

        assertThat(properties).isInstanceOf(UnknownProperties.class);
        assertThat(properties.type()).isNull();
        assertThat(properties.url()).isEqualTo("https://example.com/x");
    }

    /** The person fixture with its properties replaced, delivered and bound. */
    private static WebsetItemProperties itemWithProperties(String json) {
        ObjectNode tree = ExaFixtures.tree("webset.item.created");
        ((ObjectNode) tree.get("data")).set("properties", EventJson.mapper().readTree(json));
        WebsetItem item = ExaFixtures.parse(tree).data(ExaEvents.WEBSET_ITEM_CREATED);
        assertThat(item.id()).isEqualTo(ITEM_PERSON);
        return item.properties();
    }
}
