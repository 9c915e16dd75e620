package dev.hookline.samples.jetty;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The sample receiver started in this JVM on a free port, with its standard output and error captured. */
final class RunningReceiver implements AutoCloseable {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final JettyReceiver receiver;

    private RunningReceiver(Map<String, String> environment) throws Exception {
        Map<String, String> withPort = new HashMap<>(environment);
        withPort.putIfAbsent("PORT", "0");
        receiver = JettyReceiver.start(withPort, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** A receiver with no secrets configured: it uses the demo secrets. */
    static RunningReceiver withDemoSecrets() throws Exception {
        return new RunningReceiver(Map.of());
    }

    /** A receiver with the given environment variables, and PORT=0 unless they set it. */
    static RunningReceiver with(Map<String, String> environment) throws Exception {
        return new RunningReceiver(environment);
    }

    /** The URL of a provider's endpoint. */
    URI uri(String provider) {
        return receiver.uri(provider);
    }

    /** Every line written to standard output so far. */
    List<String> outLines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** Everything written to standard output so far. */
    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Forgets what was written so far, for a receiver shared by several tests. */
    void clearOutput() {
        out.reset();
        err.reset();
    }

    /** The port it listens on. */
    int port() {
        return receiver.port();
    }

    /** Everything written to standard error so far. */
    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        receiver.close();
    }
}
