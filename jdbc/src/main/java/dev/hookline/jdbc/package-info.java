/**
 * PostgreSQL stores over plain JDBC: {@link dev.hookline.jdbc.JdbcDeduplicator}, deduplication shared by every
 * instance of an application, {@link dev.hookline.jdbc.JdbcInbox}, the durable inbox, with its
 * {@link dev.hookline.jdbc.InboxWorkers}, {@link dev.hookline.jdbc.JdbcPositionStore}, the shared position of
 * scheduled backfills (with {@code hookline-providers}), and {@link dev.hookline.jdbc.JdbcSchema}, the versioned SQL
 * of their tables. Depends on {@code java.sql} only; the application chooses the driver and the pool.
 */
package dev.hookline.jdbc;
