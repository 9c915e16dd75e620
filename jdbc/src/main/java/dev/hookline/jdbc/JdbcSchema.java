package dev.hookline.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Hookline's tables in PostgreSQL: the versioned SQL that creates them, and a way to apply the versions a
 * database is missing.
 *
 * <p><b>The SQL.</b> Each version is a plain SQL file in the jar, {@code dev/hookline/jdbc/V<n>__<name>.sql}
 * (version 1, {@code V1__deduplication.sql}, creates the table of {@link JdbcDeduplicator}; version 2,
 * {@code V2__inbox.sql}, the table of {@link JdbcInbox}; version 3, {@code V3__backfill_position.sql}, the table
 * of {@link JdbcPositionStore}). Table, index and
 * constraint names start with a prefix, {@value #DEFAULT_PREFIX} unless you choose another, written
 * {@code ${prefix}} in the files. A prefix is 1 to 32 characters of {@code a-z}, {@code 0-9} and {@code _}, not
 * starting with a digit, so that it is a SQL identifier needing no quotes. Tables are created in the first
 * schema of the connection's {@code search_path}.
 *
 * <p><b>Applying it yourself.</b> {@link #apply(DataSource)} brings a database up to date: it records the
 * versions applied in a table {@code <prefix>schema_version} (version, description, applied_at) and runs the
 * missing ones in order. All of it is one transaction, so a failing version leaves the database as it was
 * (PostgreSQL's DDL is transactional), and it first takes the transaction-scoped advisory lock
 * {@code pg_advisory_xact_lock(0x686f6f6b, <prefix>.hashCode())}: when several instances start at once, one
 * applies the versions while the others wait for it, then find nothing left to do. Call it at start-up, before
 * the first delivery; calling it again is cheap and changes nothing. Versions the database has but this jar
 * does not know (written by a newer Hookline) are left alone.
 *
 * <p><b>Or with your migration tool.</b> If Flyway, Liquibase or a DBA manages the schema, do not call
 * {@code apply}: take {@link #migrations()} (each version's SQL, prefix in place) or {@link #sql()} (all of it as
 * one script) into your own migrations, and add each new version when you upgrade Hookline. Flyway can also run
 * the files from the jar as they are, given the placeholder {@code prefix}; keep its history table apart from
 * your application's, whose version numbers would clash with these. Use one way or the other for a prefix:
 * {@code apply} knows only what its own {@code schema_version} table records.
 *
 * <p>Immutable and thread-safe.
 */
public final class JdbcSchema {

    /** The prefix of every table name unless another is chosen. */
    public static final String DEFAULT_PREFIX = "hookline_";

    /** The files of every version, in order. A test checks that every file in the jar is listed. */
    private static final List<String> FILES = List.of("V1__deduplication.sql", "V2__inbox.sql",
            "V3__backfill_position.sql");

    private static final Pattern FILE_NAME = Pattern.compile("V([1-9][0-9]*)__([a-z0-9_]+)\\.sql");
    /** The first half of the advisory lock's key: "hook" in ASCII. The second half is the prefix's hash. */
    private static final int LOCK_CLASS = 0x686f6f6b;

    private final String prefix;
    private final List<SchemaMigration> migrations;

    private JdbcSchema(String prefix) {
        this.prefix = TablePrefix.check(prefix);
        List<SchemaMigration> list = new ArrayList<>();
        for (String file : FILES) {
            list.add(load(file, prefix));
        }
        this.migrations = List.copyOf(list);
    }

    /**
     * The schema with the default prefix, {@value #DEFAULT_PREFIX}.
     *
     * @return the schema
     */
    public static JdbcSchema create() {
        return new JdbcSchema(DEFAULT_PREFIX);
    }

    /**
     * The schema with another prefix, such as one per application sharing a database. Give the same prefix to
     * {@link JdbcDeduplicator.Builder#tablePrefix(String)} and {@link JdbcInbox.Builder#tablePrefix(String)}.
     *
     * @param prefix 1 to 32 characters of {@code a-z}, {@code 0-9} and {@code _}, not starting with a digit
     * @return the schema
     * @throws IllegalArgumentException if the prefix is not such a name; the message says what is allowed
     */
    public static JdbcSchema withPrefix(String prefix) {
        return new JdbcSchema(prefix);
    }

    /**
     * The prefix of every table, index and constraint name.
     *
     * @return the prefix
     */
    public String prefix() {
        return prefix;
    }

    /**
     * The table in which {@link #apply(DataSource)} records the versions applied.
     *
     * @return {@code <prefix>schema_version}
     */
    public String versionTable() {
        return prefix + "schema_version";
    }

    /**
     * Every version, oldest first, with this schema's prefix in place.
     *
     * @return the versions, numbered from 1 without gaps
     */
    public List<SchemaMigration> migrations() {
        return migrations;
    }

    /**
     * Every version's SQL as one script, oldest first, for {@code psql} or a DBA.
     *
     * @return the script
     */
    public String sql() {
        return migrations.stream().map(SchemaMigration::sql).collect(Collectors.joining("\n"));
    }

    /**
     * Applies the versions the database is missing, in one transaction, under an advisory lock that makes
     * concurrent calls (from other instances too) wait for each other.
     *
     * @param dataSource a data source for the database; its connection is used for this call only
     * @return the versions applied by this call, oldest first: empty when the database was up to date
     * @throws JdbcStoreException if the database cannot be reached or a version fails; nothing was changed
     */
    public List<SchemaMigration> apply(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        SchemaMigration current = null;
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                lock(connection);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE IF NOT EXISTS " + versionTable() + " ("
                            + "version integer PRIMARY KEY, "
                            + "description text NOT NULL, "
                            + "applied_at timestamptz NOT NULL DEFAULT now())");
                }
                Set<Integer> applied = appliedVersions(connection);
                List<SchemaMigration> now = new ArrayList<>();
                for (SchemaMigration migration : migrations) {
                    if (applied.contains(migration.version())) {
                        continue;
                    }
                    current = migration;
                    run(connection, migration);
                    now.add(migration);
                }
                current = null;
                connection.commit();
                return List.copyOf(now);
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new JdbcStoreException(current == null
                    ? "Could not bring the " + prefix + " schema up to date"
                    : "Could not apply version " + current.version() + " (" + current.description() + ") of the "
                            + prefix + " schema", e);
        }
    }

    private void lock(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
            statement.setInt(1, LOCK_CLASS);
            statement.setInt(2, prefix.hashCode());
            statement.executeQuery().close();
        }
    }

    private Set<Integer> appliedVersions(Connection connection) throws SQLException {
        Set<Integer> versions = new HashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version FROM " + versionTable())) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        return versions;
    }

    private void run(Connection connection, SchemaMigration migration) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(migration.sql());
        }
        try (PreparedStatement record = connection.prepareStatement(
                "INSERT INTO " + versionTable() + " (version, description) VALUES (?, ?)")) {
            record.setInt(1, migration.version());
            record.setString(2, migration.description());
            record.executeUpdate();
        }
    }

    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** Reads one version's file from the jar and puts the prefix in place. */
    static SchemaMigration load(String file, String prefix) {
        Matcher name = FILE_NAME.matcher(file);
        if (!name.matches()) {
            throw new IllegalStateException("Not a schema version file name: " + file);
        }
        try (InputStream in = JdbcSchema.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("Schema file " + file + " is missing from the jar");
            }
            String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new SchemaMigration(Integer.parseInt(name.group(1)), name.group(2).replace('_', ' '), file,
                    template.replace("${prefix}", prefix));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read schema file " + file, e);
        }
    }

    @Override
    public String toString() {
        return "JdbcSchema[prefix=" + prefix + ", versions=" + migrations.size() + "]";
    }
}
