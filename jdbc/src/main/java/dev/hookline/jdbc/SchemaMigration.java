package dev.hookline.jdbc;

import java.util.Objects;

/**
 * One version of Hookline's tables: the SQL that takes the schema from the version before to this one, with
 * the table prefix already in place. Shipped in the jar as {@code dev/hookline/jdbc/V<version>__<name>.sql},
 * where the prefix is written {@code ${prefix}}.
 *
 * @param version the version, from 1 on, one more than the one before
 * @param description what the version adds, from its file name ({@code deduplication} for
 *     {@code V1__deduplication.sql})
 * @param fileName the name of the file in the jar, usable as a Flyway migration's name
 * @param sql the statements, separated by semicolons, with the prefix in place; run them in one transaction
 */
public record SchemaMigration(int version, String description, String fileName, String sql) {

    /**
     * Checks that every part is present.
     *
     * @param version the version, at least 1
     * @param description what the version adds
     * @param fileName the name of the file in the jar
     * @param sql the statements
     */
    public SchemaMigration {
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(sql, "sql");
    }
}
