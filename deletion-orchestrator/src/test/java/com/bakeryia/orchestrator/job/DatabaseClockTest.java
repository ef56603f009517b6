package com.bakeryia.orchestrator.job;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import com.bakeryia.testsupport.SharedTestPostgres;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job store's clock is the database's, on a real PostgreSQL: a database whose clock reads ten
 * minutes ahead of this JVM gives instants ten minutes ahead, whatever this JVM's clock says; a
 * test's shift moves it; between readings it moves with elapsed time.
 */
class DatabaseClockTest {

    private final JdbcTemplate jdbc = new JdbcTemplate(SharedTestPostgres.dataSource(SharedTestPostgres.DEFAULT_DATABASE));

    @Test
    void givesTheDatabasesTimeNotThisJvms() throws Exception {
        // A session whose clock_timestamp() is ten minutes ahead: pg_catalog's own, shadowed by a
        // function of that name earlier in the session's search path.
        jdbc.execute("create schema if not exists clock_ahead");
        jdbc.execute("create or replace function clock_ahead.clock_timestamp() returns timestamptz language sql"
                + " as $$ select pg_catalog.clock_timestamp() + interval '10 minutes' $$");
        try (Connection connection = SharedTestPostgres.dataSource(SharedTestPostgres.DEFAULT_DATABASE).getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("set search_path = clock_ahead, pg_catalog");
            }
            DatabaseClock ahead = new DatabaseClock(new JdbcTemplate(new SingleConnectionDataSource(connection, true)),
                    DatabaseClock.Shift.NONE);

            assertThat(Duration.between(Instant.now(), ahead.now()))
                    .isBetween(Duration.ofMinutes(10).minusSeconds(1), Duration.ofMinutes(10).plusSeconds(1));
        } finally {
            jdbc.execute("drop schema clock_ahead cascade");
        }
    }

    @Test
    void followsTheDatabaseBetweenReadingsAndATestsShiftMovesIt() {
        DatabaseClock clock = new DatabaseClock(jdbc, DatabaseClock.Shift.NONE);
        Instant first = clock.now();
        Instant database = jdbc.queryForObject("select clock_timestamp()", java.time.OffsetDateTime.class).toInstant();
        Instant second = clock.now();

        assertThat(second).isAfterOrEqualTo(first);
        assertThat(Duration.between(database, second).abs()).as("read once, then counted on").isLessThan(Duration.ofMillis(200));
        assertThat(Duration.between(Instant.now(), new DatabaseClock(jdbc, () -> Duration.ofHours(1)).now()))
                .isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
        assertThat(clock.clock().instant()).isAfterOrEqualTo(second);
    }
}
