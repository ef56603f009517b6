package com.bakeryia.launcher.benchmark;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Times every statement the platform runs, from the client's side: a JDBC driver for URLs
 * {@code jdbc:timed:postgresql:...} that hands each connection of the real driver
 * ({@code jdbc:postgresql:...}) back wrapped, and records how long each {@code execute*} and each
 * {@code commit} took, by statement text (a {@code ctid} literal in it replaced by {@code ?}). On a
 * stock server, where {@code pg_stat_statements} is not preloaded (and the benchmark changes no
 * setting of it), this is where the per-statement figures come from; on the embedded one it is
 * printed beside them. The time of a statement in autocommit includes its commit; it includes the
 * round trip, which {@code pg_stat_statements} does not. Foreign-key checks run inside the
 * statement that deletes, so their time is in that statement's.
 */
public final class TimedJdbcDriver implements Driver {

    static final String PREFIX = "jdbc:timed:";

    private static final Set<String> TIMED = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch",
            "executeLargeUpdate", "executeLargeBatch");
    private static final Map<String, Totals> TOTALS = new ConcurrentHashMap<>();
    private static volatile boolean recording;

    static {
        try {
            DriverManager.registerDriver(new TimedJdbcDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Loads the driver (its static initialiser registers it). */
    static void register() {
        // the class is initialised by being named
    }

    /** What one kind of statement cost while recording: calls, total and longest time in nanoseconds. */
    static final class Totals {
        final String sql;
        final LongAdder calls = new LongAdder();
        final LongAdder nanos = new LongAdder();
        final AtomicLong longest = new AtomicLong();
        final LongAdder over = new LongAdder();

        Totals(String sql) {
            this.sql = sql;
        }

        void add(long took, long slowNanos) {
            calls.increment();
            nanos.add(took);
            longest.accumulateAndGet(took, Math::max);
            if (took > slowNanos) {
                over.increment();
            }
        }

        double totalMs() {
            return nanos.sum() / 1e6;
        }

        double longestMs() {
            return longest.get() / 1e6;
        }
    }

    /** Starts recording afresh: what was recorded before is forgotten. */
    static void start() {
        TOTALS.clear();
        recording = true;
    }

    static void stop() {
        recording = false;
    }

    /** What was recorded, by statement text. */
    static List<Totals> recorded() {
        List<Totals> all = new ArrayList<>(TOTALS.values());
        all.sort(Comparator.comparingDouble(Totals::totalMs).reversed());
        return all;
    }

    private static final long SLOW_NANOS = 250_000_000L;

    private static void record(String sql, long took) {
        if (!recording) {
            return;
        }
        String key = sql == null ? "(batch)" : sql.replaceAll("'\\(\\d+,\\d+\\)'", "?").replaceAll("\\s+", " ");
        TOTALS.computeIfAbsent(key, Totals::new).add(took, SLOW_NANOS);
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        Connection real = DriverManager.getConnection("jdbc:" + url.substring(PREFIX.length()), info);
        return (Connection) Proxy.newProxyInstance(TimedJdbcDriver.class.getClassLoader(), new Class<?>[] {Connection.class},
                new ConnectionHandler(real));
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private record ConnectionHandler(Connection real) implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("commit")) {
                long started = System.nanoTime();
                Object result = TimedJdbcDriver.invoke(real, method, args);
                record("commit", System.nanoTime() - started);
                return result;
            }
            Object result = TimedJdbcDriver.invoke(real, method, args);
            if (result instanceof CallableStatement statement) {
                return wrap(statement, CallableStatement.class, (String) args[0]);
            }
            if (result instanceof PreparedStatement statement) {
                return wrap(statement, PreparedStatement.class, (String) args[0]);
            }
            if (result instanceof Statement statement) {
                return wrap(statement, Statement.class, null);
            }
            return result;
        }

        private static Object wrap(Statement statement, Class<?> type, String sql) {
            return Proxy.newProxyInstance(TimedJdbcDriver.class.getClassLoader(), new Class<?>[] {type},
                    new StatementHandler(statement, sql));
        }
    }

    private record StatementHandler(Statement real, String sql) implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (!TIMED.contains(method.getName())) {
                return TimedJdbcDriver.invoke(real, method, args);
            }
            String text = sql != null ? sql : args != null && args.length > 0 && args[0] instanceof String given ? given : null;
            long started = System.nanoTime();
            try {
                return TimedJdbcDriver.invoke(real, method, args);
            } finally {
                record(text, System.nanoTime() - started);
            }
        }
    }
}
