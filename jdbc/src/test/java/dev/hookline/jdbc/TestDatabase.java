package dev.hookline.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * The PostgreSQL server the tests run against, and per-class tables in it. Public, in the module's test-jar, so that
 * the Spring starter's and the samples' tests use the same server the same way.
 *
 * <p>The server is, in order: {@code HOOKLINE_TEST_JDBC_URL} (with {@code HOOKLINE_TEST_JDBC_USER} and
 * {@code HOOKLINE_TEST_JDBC_PASSWORD}); the throwaway cluster {@code ensure-postgres.sh} started, written to
 * {@code target/test-postgres/jdbc.properties}; {@code jdbc:postgresql://127.0.0.1:5432/test} as {@code postgres}.
 * When none answers, the tests fail saying so: they are never skipped.
 */
public final class TestDatabase {

    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private static final Settings SETTINGS = Settings.find();

    static {
        System.out.println("hookline-jdbc tests use " + SETTINGS.url() + " as " + SETTINGS.user() + " (" + SETTINGS.source() + ")");
    }

    private TestDatabase() {
    }

    /** Where the tests connect, and why there. */
    public record Settings(String url, String user, String password, String source) {

        public static Settings find() {
            String user = System.getenv("HOOKLINE_TEST_JDBC_USER");
            String password = System.getenv().getOrDefault("HOOKLINE_TEST_JDBC_PASSWORD", "");
            String url = System.getenv("HOOKLINE_TEST_JDBC_URL");
            if (url != null && !url.isBlank()) {
                return new Settings(url, user == null ? "postgres" : user, password, "HOOKLINE_TEST_JDBC_URL");
            }
            Path file = Path.of(System.getProperty("hookline.test.pg.dir", "target/test-postgres"), "jdbc.properties");
            if (Files.isRegularFile(file)) {
                Properties properties = new Properties();
                try (Reader in = Files.newBufferedReader(file)) {
                    properties.load(in);
                } catch (IOException e) {
                    throw new IllegalStateException("Could not read " + file, e);
                }
                return new Settings(properties.getProperty("url"),
                        user == null ? properties.getProperty("user", "postgres") : user, password,
                        "the throwaway server ensure-postgres.sh started, in " + file);
            }
            return new Settings(DEFAULT_URL, user == null ? "postgres" : user, password, "the default");
        }
    }

    /**
     * A pool of at most {@code size} connections to the test server.
     *
     * @throws AssertionError when no server answers, saying where the tests looked and how to give them one
     */
    public static HikariDataSource pool(String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(SETTINGS.url());
        config.setUsername(SETTINGS.user());
        config.setPassword(SETTINGS.password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(5_000);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String reason = String.valueOf(cause.getMessage()).replaceAll("[.\\s]+$", "");
            throw new AssertionError("Could not connect to PostgreSQL at " + SETTINGS.url() + " as user " + SETTINGS.user()
                    + " (" + SETTINGS.source() + "): " + reason + ". The hookline-jdbc tests need one and"
                    + " are never skipped: `mvn verify` finds or starts one (jdbc/src/test/pg/ensure-postgres.sh), or set"
                    + " HOOKLINE_TEST_JDBC_URL, HOOKLINE_TEST_JDBC_USER and HOOKLINE_TEST_JDBC_PASSWORD.", e);
        }
    }

    /** A table prefix no other test class or run uses. */
    public static String uniquePrefix() {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return "hl_test_" + HexFormat.of().formatHex(random) + "_";
    }

    /** Where the tests connect. */
    public static Settings settings() {
        return SETTINGS;
    }

    /** Drops every table of a prefix. */
    public static void dropTables(DataSource dataSource, String prefix) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + prefix + "deduplication, " + prefix + "inbox, " + prefix
                    + "backfill_position, " + prefix + "schema_version");
        }
    }

    /**
     * Two instances of an application on the test server: a pool each, sharing the tables of a prefix of their own,
     * created through the first. Closing drops the tables and closes both pools.
     */
    public record TwoInstances(HikariDataSource a, HikariDataSource b, String prefix) implements AutoCloseable {

        /** Two pools of {@code size} connections, named after {@code name}, and the tables. */
        public static TwoInstances open(String name, int size) {
            String prefix = uniquePrefix();
            HikariDataSource a = pool(name + "-a", size);
            HikariDataSource b = pool(name + "-b", size);
            JdbcSchema.withPrefix(prefix).apply(a);
            return new TwoInstances(a, b, prefix);
        }

        @Override
        public void close() throws SQLException {
            try (a; b) {
                dropTables(a, prefix);
            }
        }
    }

    /** Runs one statement that returns a single number. */
    public static long count(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
