package dev.hookline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The realistic sample payloads in {@code payloads/<provider>/<event type>.json}, one per event type. */
public final class Payloads {

    private Payloads() {
    }

    /** The exact bytes of one sample payload. */
    public static byte[] bytes(String provider, String type) {
        try (InputStream in = Payloads.class.getResourceAsStream(directory(provider) + type + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("No sample payload for " + provider + " " + type);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event types that have a sample payload, sorted, from the file names. */
    public static List<String> types(String provider) {
        URL directory = Payloads.class.getResource(directory(provider));
        if (directory == null) {
            throw new IllegalArgumentException("No sample payloads for " + provider);
        }
        try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .map(name -> name.substring(0, name.length() - ".json".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String directory(String provider) {
        return "/payloads/" + provider + "/";
    }
}
