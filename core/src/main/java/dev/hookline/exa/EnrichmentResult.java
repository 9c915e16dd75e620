package dev.hookline.exa;

import java.util.List;

/**
 * One enrichment's value for one item ({@code object: "enrichment_result"}).
 *
 * @param object {@code enrichment_result}
 * @param status whether the value is ready
 * @param format the form of the value
 * @param result the value(s) as strings, or null when none was found or it is not ready
 * @param reasoning how Exa arrived at the value
 * @param references the sources behind it
 * @param enrichmentId the {@link WebsetEnrichment} this is a value of
 */
public record EnrichmentResult(
        String object,
        EnrichmentStatus status,
        EnrichmentFormat format,
        List<String> result,
        String reasoning,
        List<Reference> references,
        String enrichmentId) {
}
