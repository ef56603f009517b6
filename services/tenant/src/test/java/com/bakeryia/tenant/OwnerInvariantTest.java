package com.bakeryia.tenant;

import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Even a write that bypasses the service cannot leave a tenant without exactly one OWNER equal to
 * {@code tenants.owner_user_id}: the database refuses the commit. (Only a bug could trip this, so
 * the failed commit is not translated into a client error.)
 */
@SpringBootTest(classes = TenantTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class OwnerInvariantTest {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("tenant")
    ServiceDatabase db;

    @Test
    void aTenantWithoutItsOwnerMembershipCannotBeCommitted() {
        TenantFixture fixture = TenantFixture.create(ApiClient.onPort(port));

        assertRefused(() -> db.jdbc().update("delete from tenant.memberships where tenant_id = ? and role = 'OWNER'",
                fixture.tenantId()));
        assertRefused(() -> db.jdbc().update("update tenant.tenants set owner_user_id = ? where id = ?",
                fixture.admin().userId(), fixture.tenantId()));
        assertRefused(() -> db.jdbc().update("update tenant.memberships set role = 'ADMIN' where tenant_id = ? and user_id = ?",
                fixture.tenantId(), fixture.owner().userId()));
        assertRefused(() -> db.jdbc().update("insert into tenant.tenants (id, name, owner_user_id, status, created_at)"
                + " values (?, 'Ownerless', ?, 'ACTIVE', now())", UUID.randomUUID(), fixture.owner().userId()));

        assertThat(db.jdbc().queryForObject("select user_id from tenant.memberships where tenant_id = ? and role = 'OWNER'",
                UUID.class, fixture.tenantId())).isEqualTo(fixture.owner().userId());
    }

    private void assertRefused(Runnable write) {
        assertThatThrownBy(() -> db.transactions().executeWithoutResult(status -> write.run()))
                .isInstanceOf(TransactionSystemException.class)
                .hasStackTraceContaining("exactly one OWNER");
    }
}
