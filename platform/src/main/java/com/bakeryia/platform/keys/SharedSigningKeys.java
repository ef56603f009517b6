package com.bakeryia.platform.keys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.bakeryia.platform.data.ServiceDatabase;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One target's signing keys as every replica of it sees them: rows of a table in the target's own
 * schema (key id, public JWK, private JWK sealed under the {@link KeyEncryptionKey}, creation,
 * retirement and expiry times by the database's clock). Exactly one row is current (not retired):
 * it signs. Retired keys stay published, verifying what they signed, until their expiry (or for
 * good when the policy gives them no lifetime).
 *
 * <p>Each replica reads the set at start and again every refresh interval; on each read, the
 * replica that finds the current key due (older than the rotation period by the database's
 * {@code now()}) rotates it, under a table lock that makes every other replica find the new key
 * instead of rotating again. The others publish the new key at their next read, and read the set
 * at once when a token or certificate names an id they do not hold ({@link #refreshForUnknownKey},
 * at most once a second, so made-up key ids cannot turn every request into a query).
 *
 * <p>Published before used: a new key signs only once it is older than the publication lead (the
 * refresh interval and a margin), so every replica has read and published it before anything
 * signed with it leaves any replica; until then the key it replaced signs (on a fresh table, where
 * there is none, the new key signs at once). A retired key's lifetime therefore
 * counts from the end of that lead.
 *
 * <p>The table is created by the target's migration with the columns {@code kid text primary key,
 * public_jwk text, sealed_private_jwk bytea, created_at timestamptz, retired_at timestamptz,
 * expires_at timestamptz} and a unique index allowing one row without {@code retired_at}.
 */
public final class SharedSigningKeys implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedSigningKeys.class);

    /** How often an unknown key id may read the set again. */
    static final Duration UNKNOWN_KEY_REFRESH_SPACING = Duration.ofSeconds(1);

    private final ServiceDatabase db;
    private final KeyEncryptionKey encryption;
    private final Policy policy;
    private final Duration publicationLead;
    private final Object refreshing = new Object();
    private volatile Snapshot snapshot;
    /** When an unknown key id last read the set; spaced apart by {@link #UNKNOWN_KEY_REFRESH_SPACING}. */
    private long lastUnknownKeyRefreshNanos = System.nanoTime() - UNKNOWN_KEY_REFRESH_SPACING.toNanos();
    private ScheduledExecutorService refresher;

    /**
     * What a table's keys are and how they age.
     *
     * @param table              the table, schema-qualified ({@code auth.signing_keys})
     * @param description        what the keys sign, for log lines ("JWT signing key")
     * @param rotation           age at which the current key is replaced
     * @param retiredKeyLifetime how long a retired key stays published after it stopped signing; null
     *                           keeps it for good
     * @param generator          a new private key whose JWK {@code iat} is the given instant
     */
    public record Policy(String table, String description, Duration rotation, Duration retiredKeyLifetime,
                         Function<Instant, JWK> generator) {

        public Policy {
            if (!table.matches("[a-z_]+\\.[a-z_]+")) {
                throw new IllegalArgumentException("Not a schema-qualified table name: " + table);
            }
            if (rotation.isNegative() || rotation.isZero()) {
                throw new IllegalArgumentException("The " + description + " rotation period must be positive, not " + rotation);
            }
        }
    }

    /**
     * A key found in a key file from before keys were kept in the database.
     *
     * @param key       the private key
     * @param current   whether it signed in that file (it becomes current if the table has none)
     * @param createdAt when it was created
     * @param expiresAt for a key already retired in that file, when it stops verifying; null otherwise
     */
    public record ImportedKey(JWK key, boolean current, Instant createdAt, Instant expiresAt) {
    }

    /**
     * The set as last read.
     *
     * @param signing    the key that signs now, with its private part: the current key once it has been
     *                   published for the publication lead, its predecessor until then
     * @param publicKeys the public parts of every published key, newest first
     */
    public record Snapshot(JWK signing, JWKSet publicKeys) {

        boolean knows(String kid) {
            return publicKeys.getKeyByKeyId(kid) != null;
        }
    }

    private SharedSigningKeys(ServiceDatabase db, KeyEncryptionKey encryption, Policy policy, Duration publicationLead) {
        this.db = db;
        this.encryption = encryption;
        this.policy = policy;
        this.publicationLead = publicationLead;
    }

    /**
     * How long a new key is published before it signs: one refresh interval (every replica reads
     * the set within it) and five seconds for a slow read.
     */
    public static Duration publicationLead(Duration refreshInterval) {
        return refreshInterval.plusSeconds(5);
    }

    /**
     * Imports {@code imports} (keys of an older key file; none usually), reads the set (creating the
     * first key, or rotating a due one) and starts reading it again every {@code refreshInterval}.
     *
     * @throws IllegalStateException when the current key in the table cannot be opened with
     *                               {@code encryption} (replicas given different key-encryption keys)
     */
    public static SharedSigningKeys start(ServiceDatabase db, KeyEncryptionKey encryption, Policy policy,
                                          Duration refreshInterval, List<ImportedKey> imports) {
        var keys = new SharedSigningKeys(db, encryption, policy, publicationLead(refreshInterval));
        if (!imports.isEmpty()) {
            keys.importKeys(imports);
        }
        keys.refresh();
        keys.refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "keys-refresh-" + policy.table());
            thread.setDaemon(true);
            return thread;
        });
        keys.refresher.scheduleWithFixedDelay(keys::refreshQuietly, refreshInterval.toMillis(), refreshInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        return keys;
    }

    /** The set as last read. */
    public Snapshot keys() {
        return snapshot;
    }

    /** The key that signs now, with its private part. */
    public JWK signing() {
        return snapshot.signing();
    }

    /** The public parts of every published key, current first. */
    public JWKSet publicKeys() {
        return snapshot.publicKeys();
    }

    /**
     * Whether {@code kid} is published, reading the set again first when it is not (unless an
     * unknown key id did so less than {@link #UNKNOWN_KEY_REFRESH_SPACING} ago): a key another
     * replica has just created is found before a token or certificate naming it is refused.
     */
    public boolean refreshForUnknownKey(String kid) {
        if (kid == null || snapshot.knows(kid)) {
            return kid != null;
        }
        synchronized (refreshing) {
            if (snapshot.knows(kid)) {
                return true;
            }
            if (System.nanoTime() - lastUnknownKeyRefreshNanos < UNKNOWN_KEY_REFRESH_SPACING.toNanos()) {
                return false;
            }
            lastUnknownKeyRefreshNanos = System.nanoTime();
            refreshQuietly();
            return snapshot.knows(kid);
        }
    }

    /**
     * A key source for verifiers: the published set, read again once when a token or certificate
     * names a key id it does not hold.
     */
    public JWKSource<SecurityContext> verificationKeys() {
        return (selector, context) -> {
            List<JWK> found = selector.select(publicKeys());
            if (found.isEmpty()) {
                Set<String> kids = selector.getMatcher().getKeyIDs();
                if (kids != null && kids.stream().anyMatch(this::refreshForUnknownKey)) {
                    found = selector.select(publicKeys());
                }
            }
            return found;
        };
    }

    /** Reads the set again, first dropping expired keys and rotating the current key when due. */
    public void refresh() {
        synchronized (refreshing) {
            db.jdbc().update("delete from " + policy.table() + " where expires_at <= now()");
            rotateIfDue();
            snapshot = load();
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // Keep the set last read: it still verifies and signs; the next refresh tries again.
            log.error("Could not read the {}s from {}; keeping the set read before: {}", policy.description(),
                    policy.table(), e.getMessage(), e);
        }
    }

    private void rotateIfDue() {
        Boolean due = db.jdbc().queryForObject("select not exists (select 1 from " + policy.table()
                + " where retired_at is null and created_at > now() - make_interval(secs => ?))", Boolean.class,
                (double) policy.rotation().toSeconds());
        if (!Boolean.TRUE.equals(due)) {
            return;
        }
        db.transactions().executeWithoutResult(status -> {
            // Readers go on; a second rotator waits here and then finds the new key not due.
            db.jdbc().execute("lock table " + policy.table() + " in exclusive mode");
            Instant now = databaseNow();
            List<Current> current = db.jdbc().query("select kid, created_at from " + policy.table()
                    + " where retired_at is null", (row, i) -> new Current(row.getString(1), row.getTimestamp(2).toInstant()));
            if (!current.isEmpty() && current.get(0).createdAt().plus(policy.rotation()).isAfter(now)) {
                return;
            }
            JWK fresh = policy.generator().apply(now.truncatedTo(ChronoUnit.SECONDS));
            if (!current.isEmpty()) {
                retire(current.get(0).kid(), now);
            }
            insert(fresh, now.truncatedTo(ChronoUnit.SECONDS), null, null);
            if (current.isEmpty()) {
                log.info("Created the first {} {} in {}", policy.description(), fresh.getKeyID(), policy.table());
            } else {
                log.info("Rotated the {} in {}: {} is published now and signs from {} on; {} stays published {}",
                        policy.description(), policy.table(), fresh.getKeyID(), now.plus(publicationLead),
                        current.get(0).kid(), policy.retiredKeyLifetime() == null
                                ? "for good" : "until " + now.plus(publicationLead).plus(policy.retiredKeyLifetime()));
            }
        });
    }

    /** Its last signature may be made up to the publication lead from now: its lifetime counts from then. */
    private void retire(String kid, Instant now) {
        db.jdbc().update("update " + policy.table() + " set retired_at = ?, expires_at = ? where kid = ?",
                Timestamp.from(now), policy.retiredKeyLifetime() == null ? null
                        : Timestamp.from(now.plus(publicationLead).plus(policy.retiredKeyLifetime())), kid);
    }

    private void insert(JWK key, Instant createdAt, Instant retiredAt, Instant expiresAt) {
        if (!key.isPrivate() || key.getKeyID() == null) {
            throw new IllegalArgumentException("A " + policy.description() + " needs a key id and its private part");
        }
        db.jdbc().update("insert into " + policy.table() + " (kid, public_jwk, sealed_private_jwk, created_at, retired_at,"
                        + " expires_at) values (?, ?, ?, ?, ?, ?)", key.getKeyID(), key.toPublicJWK().toJSONString(),
                encryption.seal(key.toJSONString(), associatedData(key.getKeyID())), Timestamp.from(createdAt),
                retiredAt == null ? null : Timestamp.from(retiredAt), expiresAt == null ? null : Timestamp.from(expiresAt));
    }

    /**
     * Adds the keys of an older key file that the table does not hold yet: its current key becomes
     * current if the table has none, and is retired now otherwise (keeping what it signed verifying
     * for the retired-key lifetime); keys already retired in the file keep their expiry.
     */
    private void importKeys(List<ImportedKey> imports) {
        db.transactions().executeWithoutResult(status -> {
            db.jdbc().execute("lock table " + policy.table() + " in exclusive mode");
            Instant now = databaseNow();
            Set<String> held = Set.copyOf(db.jdbc().queryForList("select kid from " + policy.table(), String.class));
            boolean hasCurrent = Boolean.TRUE.equals(db.jdbc().queryForObject("select exists (select 1 from "
                    + policy.table() + " where retired_at is null)", Boolean.class));
            int imported = 0;
            for (ImportedKey key : imports) {
                if (held.contains(key.key().getKeyID())
                        || (key.expiresAt() != null && !key.expiresAt().isAfter(now))) {
                    continue;
                }
                if (key.current() && !hasCurrent) {
                    insert(key.key(), key.createdAt(), null, null);
                    hasCurrent = true;
                } else {
                    Instant expiresAt = key.expiresAt() != null ? key.expiresAt()
                            : policy.retiredKeyLifetime() == null ? null : now.plus(policy.retiredKeyLifetime());
                    insert(key.key(), key.createdAt(), now, expiresAt);
                }
                imported++;
            }
            log.info("Imported {} of the {} {}s of the key file into {}", imported, imports.size(), policy.description(),
                    policy.table());
        });
    }

    private Snapshot load() {
        Instant now = databaseNow();
        List<Row> rows = db.jdbc().query("select kid, public_jwk, sealed_private_jwk, created_at, expires_at, retired_at"
                + " from " + policy.table() + " where expires_at is null or expires_at > now()"
                + " order by retired_at is not null, created_at desc", SharedSigningKeys::row);
        if (rows.isEmpty() || !rows.get(0).current()) {
            throw new IllegalStateException("The " + policy.description() + " table " + policy.table()
                    + " holds no current key");
        }
        // The current key once published long enough; until then its predecessor (the key retired last).
        Row signingRow = rows.get(0);
        if (signingRow.createdAt().isAfter(now.minus(publicationLead))) {
            signingRow = rows.stream().filter(row -> row.retiredAt() != null)
                    .max(java.util.Comparator.comparing(Row::retiredAt)).orElse(signingRow);
        }
        Snapshot before = snapshot;
        JWK signing = before != null && before.signing().getKeyID().equals(signingRow.kid()) ? before.signing()
                : open(signingRow);
        List<JWK> published = new ArrayList<>();
        for (Row row : rows) {
            published.add(publicJwk(row));
        }
        if (before != null && !before.signing().getKeyID().equals(signing.getKeyID())) {
            log.info("Now signing with the {} {} (published keys: {})", policy.description(), signing.getKeyID(),
                    published.stream().map(JWK::getKeyID).collect(Collectors.joining(", ")));
        }
        return new Snapshot(signing, new JWKSet(published));
    }

    private JWK open(Row row) {
        String json;
        try {
            json = encryption.open(row.sealed(), associatedData(row.kid()));
        } catch (KeyEncryptionKey.WrongKeyEncryptionKeyException e) {
            throw new IllegalStateException("The " + policy.description() + " " + row.kid() + " in " + policy.table()
                    + " cannot be opened: " + e.getMessage() + ". Every replica sharing this database must be given the"
                    + " same bakery.keys.encryption-key.", e);
        }
        try {
            JWK key = JWK.parse(json);
            if (!row.kid().equals(key.getKeyID()) || !key.isPrivate()) {
                throw new IllegalStateException("The sealed " + policy.description() + " in row " + row.kid() + " of "
                        + policy.table() + " is another key or has no private part");
            }
            return key;
        } catch (ParseException e) {
            throw new IllegalStateException("The sealed " + policy.description() + " " + row.kid() + " is not a JWK", e);
        }
    }

    /** The public JWK with {@code iat} its creation and, for a retired key that expires, {@code exp}. */
    private JWK publicJwk(Row row) {
        try {
            Map<String, Object> json = new LinkedHashMap<>(JSONObjectUtils.parse(row.publicJwk()));
            json.put("iat", row.createdAt().getEpochSecond());
            if (row.expiresAt() != null) {
                json.put("exp", row.expiresAt().getEpochSecond());
            } else {
                json.remove("exp");
            }
            return JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("The public " + policy.description() + " " + row.kid() + " in "
                    + policy.table() + " is not a JWK", e);
        }
    }

    private String associatedData(String kid) {
        return policy.table() + "/" + kid;
    }

    private Instant databaseNow() {
        return db.jdbc().queryForObject("select now()", Timestamp.class).toInstant();
    }

    private static Row row(ResultSet rows, int i) throws SQLException {
        Timestamp expires = rows.getTimestamp(5);
        Timestamp retired = rows.getTimestamp(6);
        return new Row(rows.getString(1), rows.getString(2), rows.getBytes(3), rows.getTimestamp(4).toInstant(),
                expires == null ? null : expires.toInstant(), retired == null ? null : retired.toInstant());
    }

    /** Stops reading the set again. */
    @Override
    public void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    private record Row(String kid, String publicJwk, byte[] sealed, Instant createdAt, Instant expiresAt, Instant retiredAt) {

        boolean current() {
            return retiredAt == null;
        }
    }

    private record Current(String kid, Instant createdAt) {
    }
}
