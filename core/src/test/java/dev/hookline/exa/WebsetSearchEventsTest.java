package dev.hookline.exa;

import static dev.hookline.exa.ExaFixtures.IMPORT_CUSTOMERS;
import static dev.hookline.exa.ExaFixtures.SEARCH_COMPANIES;
import static dev.hookline.exa.ExaFixtures.SEARCH_PEOPLE;
import static dev.hookline.exa.ExaFixtures.WEBSET_COMPANIES;
import static dev.hookline.exa.ExaFixtures.WEBSET_PEOPLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.event.WebhookEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebsetSearchEventsTest {

    @Test
    void searchCreated() {
        WebhookEvent event = ExaFixtures.event("webset.search.created");
        WebsetSearch search = event.data(ExaEvents.WEBSET_SEARCH_CREATED);

        assertThat(event.id()).isEqualTo("event_01k9x0skyr6bx2tn9ydh4wc8qe");
        assertThat(search.id()).isEqualTo(SEARCH_COMPANIES);
        assertThat(search.object()).isEqualTo("webset_search");
        assertThat(search.websetId()).isEqualTo(WEBSET_COMPANIES);
        assertThat(search.status()).isEqualTo(WebsetSearch.Status.CREATED);
        assertThat(search.query()).isEqualTo("Fintech startups headquartered in Europe that raised a Series A in 2025");
        assertThat(search.entity()).isEqualTo(new WebsetEntity(EntityType.COMPANY, null));
        assertThat(search.criteria()).extracting(SearchCriterion::description).containsExactly(
                "Headquartered in Europe",
                "Builds financial technology products (payments, lending, banking infrastructure, wealth or insurance)",
                "Announced a Series A funding round in 2025");
        assertThat(search.criteria()).extracting(SearchCriterion::successRate).containsOnlyNulls();
        assertThat(search.count()).isEqualTo(50);
        assertThat(search.behavior()).isEqualTo(WebsetSearch.Behavior.OVERRIDE);
        assertThat(search.exclude()).containsExactly(new Exclude(SourceKind.IMPORT, IMPORT_CUSTOMERS));
        assertThat(search.scope()).isEmpty();
        assertThat(search.progress()).isEqualTo(new SearchProgress(0, 0, 0.0, null));
        assertThat(search.recall()).isNull();
        assertThat(search.metadata()).isEqualTo(Map.of("requestedBy", "growth-automation"));
        assertThat(search.maxPeoplePerCompany()).isNull();
        assertThat(search.canceledAt()).isNull();
        assertThat(search.canceledReason()).isNull();
        assertThat(search.createdAt()).isEqualTo(Instant.parse("2025-11-12T21:50:50.934Z"));
    }

    @Test
    void searchUpdatedCarriesProgressAndRecall() {
        WebsetSearch search = ExaFixtures.event("webset.search.updated").data(ExaEvents.WEBSET_SEARCH_UPDATED);

        assertThat(search.status()).isEqualTo(WebsetSearch.Status.RUNNING);
        assertThat(search.progress()).isEqualTo(new SearchProgress(18, 212, 36.0, 154));
        assertThat(search.criteria()).extracting(SearchCriterion::successRate).containsExactly(60.8, 75.0, 12.7);
        assertThat(search.recall().expected()).isEqualTo(new SearchRecall.Expected(
                140, SearchRecall.Confidence.MEDIUM, new SearchRecall.Bounds(95, 210)));
        assertThat(search.recall().reasoning()).startsWith("Public funding trackers list roughly 120 to 160");
        assertThat(search.updatedAt()).isEqualTo(Instant.parse("2025-11-12T21:53:14.051Z"));
    }

    @Test
    void searchCompleted() {
        WebhookEvent event = ExaFixtures.event("webset.search.completed");
        WebsetSearch search = event.data(ExaEvents.WEBSET_SEARCH_COMPLETED);

        assertThat(event.createdAt()).isEqualTo(Instant.parse("2025-11-12T22:07:41.519Z"));
        assertThat(search.id()).isEqualTo(SEARCH_COMPANIES);
        assertThat(search.status()).isEqualTo(WebsetSearch.Status.COMPLETED);
        assertThat(search.progress()).isEqualTo(new SearchProgress(50, 587, 100.0, 0));
        assertThat(search.recall().expected()).isEqualTo(new SearchRecall.Expected(
                152, SearchRecall.Confidence.HIGH, new SearchRecall.Bounds(130, 175)));
    }

    @Test
    void searchCanceledWithScopeAndReason() {
        WebhookEvent event = ExaFixtures.event("webset.search.canceled");
        WebsetSearch search = event.data(ExaEvents.WEBSET_SEARCH_CANCELED);

        assertThat(event.id()).isEqualTo("event_01k9yawr167kr3dq9nx2hc6mfy");
        assertThat(search.id()).isEqualTo(SEARCH_PEOPLE);
        assertThat(search.websetId()).isEqualTo(WEBSET_PEOPLE);
        assertThat(search.status()).isEqualTo(WebsetSearch.Status.CANCELED);
        assertThat(search.entity().type()).isEqualTo(EntityType.PERSON);
        assertThat(search.behavior()).isEqualTo(WebsetSearch.Behavior.APPEND);
        assertThat(search.criteria()).containsExactly(
                new SearchCriterion("Currently VP of Engineering, Head of Engineering or CTO", 42.5),
                new SearchCriterion("Based in Europe", 88.0));
        assertThat(search.scope()).containsExactly(new SearchScope(SourceKind.WEBSET, WEBSET_COMPANIES,
                new SearchScope.Relationship("engineering leaders at", 2)));
        assertThat(search.exclude()).isEmpty();
        assertThat(search.maxPeoplePerCompany()).isEqualTo(2);
        assertThat(search.progress()).isEqualTo(new SearchProgress(17, 40, 17.0, null));
        assertThat(search.recall()).isNull();
        assertThat(search.canceledAt()).isEqualTo(Instant.parse("2025-11-13T10:06:33.905Z"));
        assertThat(search.canceledReason()).isEqualTo(WebsetSearch.CanceledReason.WEBSET_CANCELED);
    }
}
