package dev.hookline.jdbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the throwaway PostgreSQL cluster that {@code ensure-postgres.sh start} started for this build, when the
 * tests end, whether they passed or failed ({@code ensure-postgres.sh stop}). Does nothing when no cluster is
 * recorded (a server on 5432 or {@code HOOKLINE_TEST_JDBC_URL} was used) or when the tests run outside Maven.
 * Registered in {@code META-INF/services}.
 */
public final class TestPostgresShutdown implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        String dir = System.getProperty("hookline.test.pg.dir");
        String script = System.getProperty("hookline.test.pg.script");
        if (dir == null || script == null || !Files.isRegularFile(Path.of(dir, "cluster"))) {
            return;
        }
        Path log = Path.of(dir, "stop.log");
        try {
            // not inheritIO: the test JVM's standard output carries Surefire's own traffic
            Process stop = new ProcessBuilder("bash", script, "stop", dir)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!stop.waitFor(90, TimeUnit.SECONDS)) {
                stop.destroyForcibly();
                System.err.println("[ensure-postgres] stopping the throwaway cluster took too long; see " + log);
            }
            System.err.print(Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            System.err.println("[ensure-postgres] could not stop the throwaway cluster: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
