package dev.hookline.samples.jetty;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample receiver in a JVM process of its own ({@code java -cp <the test class path> JettyReceiver}), as an
 * operator would start it, with every line of its standard output and error kept.
 */
final class ReceiverProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+):");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(40);

    private final String name;
    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private volatile int port = -1;
    private volatile boolean ready;

    private ReceiverProcess(String name, Map<String, String> environment) throws IOException {
        this.name = name;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx160m", "-cp", classPath, JettyReceiver.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(key -> key.startsWith("HOOKLINE_") || key.endsWith("_WEBHOOK_SECRET"));
        builder.environment().putAll(environment);
        builder.environment().put("PORT", "0");
        this.process = builder.start();
        pump(process.getInputStream(), out::add, name + "-out");
        pump(process.getErrorStream(), line -> {
            err.add(line);
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                port = Integer.parseInt(listening.group(1));
            }
            if (line.startsWith("Ready:")) {
                ready = true;
            }
        }, name + "-err");
    }

    /** Starts a receiver; {@link #awaitReady()} waits until it listens. */
    static ReceiverProcess start(String name, Map<String, String> environment) throws IOException {
        return new ReceiverProcess(name, environment);
    }

    private static void pump(InputStream stream, Consumer<String> lines, String threadName) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until it listens, or fails with what it wrote. */
    ReceiverProcess awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!ready) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + String.join("\n", err));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(name + " did not start within " + START_TIMEOUT + ":\n" + String.join("\n", err));
            }
            Thread.sleep(20);
        }
        return this;
    }

    boolean isReady() {
        return ready && process.isAlive();
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    /** The {@code handled ...} lines it printed so far. */
    List<String> handled() {
        return out.stream().filter(line -> line.startsWith("handled ")).toList();
    }

    /** Everything it wrote to standard error, for a failure's message. */
    String log() {
        return String.join("\n", err);
    }

    /** SIGKILL: the process dies at once, in the middle of whatever it does. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** SIGTERM: the receiver stops gracefully, as with Ctrl-C. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
