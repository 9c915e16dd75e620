package dev.hookline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbcSchemaTest {

    private static HikariDataSource dataSource;
    private static HikariDataSource other;
    private final List<String> prefixes = new ArrayList<>();

    @BeforeAll
    static void connect() {
        dataSource = TestDatabase.pool("schema", 3);
        other = TestDatabase.pool("schema-other", 2);
    }

    @AfterAll
    static void disconnect() {
        if (dataSource != null) {
            dataSource.close();
        }
        if (other != null) {
            other.close();
        }
    }

    @AfterEach
    void dropTables() throws Exception {
        for (String prefix : prefixes) {
            TestDatabase.dropTables(dataSource, prefix);
        }
    }

    private JdbcSchema newSchema() {
        String prefix = TestDatabase.uniquePrefix();
        prefixes.add(prefix);
        return JdbcSchema.withPrefix(prefix);
    }

    private static List<String> tables(String prefix) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = current_schema() AND starts_with(table_name, ?) ORDER BY table_name")) {
            statement.setString(1, prefix);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    private static List<String> versions(JdbcSchema schema) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT version, description FROM " + schema.versionTable()
                        + " ORDER BY version")) {
            while (result.next()) {
                rows.add(result.getInt(1) + " " + result.getString(2));
            }
        }
        return rows;
    }

    @Test
    void appliesEveryVersionOnceAndThenNothing() throws Exception {
        JdbcSchema schema = newSchema();

        assertThat(schema.apply(dataSource)).extracting(SchemaMigration::version).containsExactly(1, 2, 3);
        assertThat(schema.apply(dataSource)).isEmpty();
        assertThat(schema.apply(other)).isEmpty();

        assertThat(versions(schema)).containsExactly("1 deduplication", "2 inbox", "3 backfill position");
        assertThat(tables(schema.prefix())).containsExactly(schema.prefix() + "backfill_position",
                schema.prefix() + "deduplication", schema.prefix() + "inbox", schema.prefix() + "schema_version");
    }

    @Test
    void twoInstancesApplyingAtOnceBothSucceedAndOneAppliesEachVersion() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                JdbcSchema schema = newSchema();
                CountDownLatch ready = new CountDownLatch(2);
                List<Future<List<SchemaMigration>>> results = new ArrayList<>();
                for (HikariDataSource instance : List.of(dataSource, other)) {
                    results.add(threads.submit(() -> {
                        ready.countDown();
                        ready.await(10, TimeUnit.SECONDS);
                        return schema.apply(instance);
                    }));
                }
                List<Integer> applied = new ArrayList<>();
                for (Future<List<SchemaMigration>> result : results) {
                    result.get(30, TimeUnit.SECONDS).forEach(migration -> applied.add(migration.version()));
                }

                assertThat(applied).containsExactly(1, 2, 3);
                assertThat(versions(schema)).containsExactly("1 deduplication", "2 inbox", "3 backfill position");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void waitsForTheAdvisoryLockThatAnotherInstanceHolds() throws Exception {
        JdbcSchema schema = newSchema();
        try (Connection holder = other.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
                lock.setInt(1, 0x686f6f6b);
                lock.setInt(2, schema.prefix().hashCode());
                lock.executeQuery().close();
            }

            CompletableFuture<List<SchemaMigration>> applying = CompletableFuture.supplyAsync(() -> schema.apply(dataSource));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (TestDatabase.count(dataSource, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                    + " AND NOT granted AND classid = " + 0x686f6f6b + " AND objid = "
                    + Integer.toUnsignedLong(schema.prefix().hashCode())) == 0) {
                assertThat(System.nanoTime()).as("apply waits for the lock").isLessThan(deadline);
                Thread.sleep(10);
            }
            assertThat(applying).isNotDone();
            assertThat(tables(schema.prefix())).isEmpty();

            holder.commit();
            assertThat(applying.get(30, TimeUnit.SECONDS)).extracting(SchemaMigration::version).containsExactly(1, 2, 3);
        }
    }

    @Test
    void aCustomPrefixNamesEveryTableAndIndex() throws Exception {
        JdbcSchema schema = newSchema();
        schema.apply(dataSource);

        assertThat(tables(schema.prefix())).containsExactly(schema.prefix() + "backfill_position",
                schema.prefix() + "deduplication", schema.prefix() + "inbox", schema.prefix() + "schema_version");
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM pg_indexes WHERE indexname IN ('"
                + schema.prefix() + "deduplication_pkey', '" + schema.prefix() + "deduplication_expires_at')"))
                .isEqualTo(2);
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM pg_indexes WHERE tablename = '"
                + schema.prefix() + "inbox' AND starts_with(indexname, '" + schema.prefix() + "inbox_')"))
                .as("the primary key, the unique event key and four partial indexes").isEqualTo(6);
        assertThat(tables(JdbcSchema.DEFAULT_PREFIX + schema.prefix())).isEmpty();
    }

    @Test
    void anInvalidPrefixIsRefusedSayingWhatIsAllowed() {
        for (String prefix : List.of("", "Hookline_", "1hookline_", "hook-line_", "hook line", "x;drop table y;--",
                "h\u00f6\u00f6k_", "a".repeat(33))) {
            assertThatThrownBy(() -> JdbcSchema.withPrefix(prefix))
                    .as(prefix)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Table prefix '")
                    .hasMessageEndingWith("is not allowed: use 1 to 32 characters of a-z, 0-9 and _, not starting with a"
                            + " digit (such as hookline_)");
        }
        assertThatThrownBy(() -> JdbcSchema.withPrefix("Hookline_")).hasMessageStartingWith("Table prefix 'Hookline_' ");
        assertThat(JdbcSchema.withPrefix("a".repeat(32)).prefix()).hasSize(32);
        assertThat(JdbcSchema.withPrefix("_h1").prefix()).isEqualTo("_h1");
    }

    @Test
    void theSqlHasThePrefixInPlace() {
        JdbcSchema schema = JdbcSchema.withPrefix("acme_");

        List<SchemaMigration> migrations = schema.migrations();
        assertVersion(migrations.get(0), 1, "deduplication", "V1__deduplication.sql", "CREATE TABLE acme_deduplication (",
                "CREATE INDEX acme_deduplication_expires_at ON acme_deduplication (expires_at)");
        assertVersion(migrations.get(1), 2, "inbox", "V2__inbox.sql", "CREATE TABLE acme_inbox (",
                "CONSTRAINT acme_inbox_event UNIQUE (endpoint, event_id)");
        assertVersion(migrations.get(2), 3, "backfill position", "V3__backfill_position.sql",
                "CREATE TABLE acme_backfill_position (", "CONSTRAINT acme_backfill_position_pkey PRIMARY KEY (endpoint)");
        assertThat(schema.sql()).isEqualTo(migrations.get(0).sql() + "\n" + migrations.get(1).sql() + "\n"
                + migrations.get(2).sql());
        assertThat(JdbcSchema.create().prefix()).isEqualTo("hookline_");
        assertThat(JdbcSchema.create().migrations().get(0).sql()).contains("CREATE TABLE hookline_deduplication (");
    }

    private static void assertVersion(SchemaMigration migration, int version, String description, String file,
                                      String... statements) {
        assertThat(migration.version()).isEqualTo(version);
        assertThat(migration.description()).isEqualTo(description);
        assertThat(migration.fileName()).isEqualTo(file);
        assertThat(migration.sql()).contains(statements).doesNotContain("${");
    }

    @Test
    void everyShippedFileIsAVersionInOrder() throws Exception {
        Path directory = Path.of(JdbcSchema.class.getResource("V1__deduplication.sql").toURI()).getParent();
        List<String> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".sql")).sorted().toList();
        }

        List<SchemaMigration> migrations = JdbcSchema.create().migrations();
        assertThat(migrations).extracting(SchemaMigration::fileName).containsExactlyInAnyOrderElementsOf(files);
        for (int i = 0; i < migrations.size(); i++) {
            assertThat(migrations.get(i).version()).isEqualTo(i + 1);
        }
    }

    @Test
    void aVersionThatFailsChangesNothing() throws Exception {
        JdbcSchema schema = newSchema();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + schema.prefix() + "deduplication (in_the_way integer)");
        }

        assertThatThrownBy(() -> schema.apply(dataSource))
                .isInstanceOfSatisfying(JdbcStoreException.class, e -> assertThat(e.sqlState()).isEqualTo("42P07"))
                .hasMessage("Could not apply version 1 (deduplication) of the " + schema.prefix()
                        + " schema (SQLState 42P07)");

        assertThat(tables(schema.prefix())).containsExactly(schema.prefix() + "deduplication");
    }
}
