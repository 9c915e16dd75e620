/**
 * PostgreSQL stores over plain JDBC: {@link dev.hookline.jdbc.JdbcDeduplicator}, deduplication shared by every
 * instance of an application, and {@link dev.hookline.jdbc.JdbcSchema}, the versioned SQL of its tables.
 * Depends on {@code java.sql} only; the application chooses the driver and the pool.
 */
package dev.hookline.jdbc;
