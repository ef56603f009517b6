package db.migration.auth;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.bakeryia.auth.EmailAddresses;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Normalises the addresses of existing accounts by the platform's one rule (NFKC, then lower
 * case by Locale.ROOT: {@code EmailAddresses}), in Java so that it is the very rule registration
 * and login use, not the database's {@code lower()}, whose unique index it replaces by one on the
 * stored address itself. When two addresses become one (a look-alike such as a Kelvin sign registered
 * beside the plain letter), an address already in normal form keeps it, else the older account gets
 * it; the other account keeps its address as it was, which no login or operator setting can name any
 * more. The log gives that account's id, never an address.
 */
public class V121__normalise_email_addresses extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(V121__normalise_email_addresses.class);

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement ddl = context.getConnection().createStatement()) {
            ddl.execute("drop index if exists users_email_lower_key");
        }
        Map<UUID, String> accounts = new LinkedHashMap<>();
        try (Statement select = context.getConnection().createStatement();
             ResultSet rows = select.executeQuery("select id, email from users order by created_at, id")) {
            while (rows.next()) {
                accounts.put(rows.getObject(1, UUID.class), rows.getString(2));
            }
        }
        Set<String> taken = new HashSet<>();
        for (String email : accounts.values()) {
            if (email.equals(EmailAddresses.normalise(email))) {
                taken.add(email);
            }
        }
        try (PreparedStatement update = context.getConnection().prepareStatement("update users set email = ? where id = ?")) {
            for (Map.Entry<UUID, String> account : accounts.entrySet()) {
                String normalised = EmailAddresses.normalise(account.getValue());
                if (normalised.equals(account.getValue())) {
                    continue;
                }
                if (!taken.add(normalised)) {
                    log.warn("Account {}: its address is the same as an older account's under the normalisation rule;"
                            + " left as it was, no login reaches it", account.getKey());
                    continue;
                }
                update.setString(1, normalised);
                update.setObject(2, account.getKey());
                update.executeUpdate();
            }
        }
        try (Statement ddl = context.getConnection().createStatement()) {
            ddl.execute("create unique index users_email_key on users (email)");
        }
    }
}
