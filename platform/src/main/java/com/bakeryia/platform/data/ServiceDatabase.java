package com.bakeryia.platform.data;

import javax.sql.DataSource;

import com.bakeryia.platform.ServiceModule;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One service's view of its data: the pool it uses and its schema. SQL names tables with the
 * schema ({@code orders.customers}), so the same statements run on the shared pool and on a
 * service's own database. Each service runs its own transactions; none spans two services.
 */
public final class ServiceDatabase {

    private final ServiceModule module;
    private final DataSource dataSource;
    private final String location;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate namedJdbc;
    private final DataSourceTransactionManager transactionManager;
    private final TransactionTemplate transactions;

    ServiceDatabase(ServiceModule module, DataSource dataSource, String location) {
        this.module = module;
        this.dataSource = dataSource;
        this.location = location;
        this.jdbc = new JdbcTemplate(dataSource);
        this.namedJdbc = new NamedParameterJdbcTemplate(jdbc);
        this.transactionManager = new DataSourceTransactionManager(dataSource);
        this.transactions = new TransactionTemplate(transactionManager);
    }

    public ServiceModule module() {
        return module;
    }

    public String schema() {
        return module.schema();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Where the data lives, without credentials: a JDBC URL with its query string removed. */
    public String location() {
        return location;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public NamedParameterJdbcTemplate namedJdbc() {
        return namedJdbc;
    }

    public PlatformTransactionManager transactionManager() {
        return transactionManager;
    }

    /** A template for a transaction inside this service's database. */
    public TransactionTemplate transactions() {
        return transactions;
    }

    /** The version of the newest migration applied to this schema, or null if none. */
    public String migrationVersion() {
        return jdbc.query("select version from " + schema() + ".flyway_schema_history"
                        + " where success and version is not null order by installed_rank desc limit 1",
                rows -> rows.next() ? rows.getString(1) : null);
    }
}
