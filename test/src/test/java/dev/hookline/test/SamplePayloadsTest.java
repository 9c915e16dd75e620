package dev.hookline.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.Provider;
import dev.hookline.Providers;
import dev.hookline.encrata.EncrataEvents;
import dev.hookline.event.EventJson;
import dev.hookline.event.EventType;
import dev.hookline.exa.ExaEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The sample payloads are core's fixtures, published under their documented names, one per catalogue type. */
class SamplePayloadsTest {

    /** Core's folder of fixtures, which the jar copies. */
    private static final Path SOURCE = Path.of(System.getProperty("hookline.payloads",
            "../core/src/test/resources/payloads"));

    static Stream<Provider> providersWithSamples() {
        return Stream.of(Providers.exa(), Providers.encrata());
    }

    @ParameterizedTest
    @MethodSource("providersWithSamples")
    void everyCatalogueTypeHasASampleAndEveryFileIsACatalogueType(Provider provider) throws IOException {
        List<String> catalogue = provider.catalog().types().stream().map(EventType::name).toList();
        List<String> files;
        try (Stream<Path> listing = Files.list(SOURCE.resolve(provider.name()))) {
            files = listing.map(path -> path.getFileName().toString().replaceFirst("\\.json$", "")).toList();
        }

        assertThat(SamplePayloads.types(provider)).containsExactlyElementsOf(catalogue);
        assertThat(files).containsExactlyInAnyOrderElementsOf(catalogue);
    }

    @ParameterizedTest
    @MethodSource("providersWithSamples")
    void theJarHoldsCoresFixturesByteForByteUnderTheDocumentedNames(Provider provider) throws IOException {
        for (String type : SamplePayloads.types(provider)) {
            String resource = SamplePayloads.resource(provider, type);

            assertThat(resource).isEqualTo("dev/hookline/test/payloads/" + provider.name() + "/" + type + ".json")
                    .startsWith(SamplePayloads.RESOURCE_ROOT);
            assertThat(SamplePayloads.bytes(provider, type))
                    .isEqualTo(Files.readAllBytes(SOURCE.resolve(provider.name()).resolve(type + ".json")));
            assertThat(SamplePayloads.json(provider, type)).contains("\"" + type + "\"");
        }
    }

    @Test
    void theDataIsTheEnvelopesDataMember() {
        assertThat(SamplePayloads.data(Providers.exa(), ExaEvents.Names.WEBSET_ITEM_CREATED).get("object").stringValue())
                .isEqualTo("webset_item");
        assertThat(SamplePayloads.data(Providers.encrata(), EncrataEvents.Names.LOOKUP_COMPLETED))
                .isEqualTo(EventJson.mapper().readTree(
                        SamplePayloads.bytes(Providers.encrata(), EncrataEvents.Names.LOOKUP_COMPLETED)).get("data"));
    }

    @Test
    void otherProvidersHaveNoSamplesAndAskingSaysSo() {
        assertThat(SamplePayloads.types(Providers.standardWebhooks())).isEmpty();
        assertThat(SamplePayloads.types(Providers.github())).isEmpty();
        assertThatThrownBy(() -> SamplePayloads.bytes(Providers.stripe(), "charge.succeeded"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Exa and Encrata only");
        assertThatThrownBy(() -> SamplePayloads.bytes(Providers.exa(), "webset.item.crated"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'webset.item.crated'").hasMessageContaining("lists the 19");
    }
}
