package com.bakeryia.orders;

import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.demodata.DemoDataSize;
import com.bakeryia.testsupport.deletion.GeneratedDataParticipantContractTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/**
 * The whole deletion contract again with three rows per statement (fixed chunks, not sized by time),
 * so every delete and anonymise of the engine crosses chunk boundaries: the counts must still be
 * exact and no row may remain.
 */
@SpringBootTest(classes = OrdersTestApplication.class, webEnvironment = RANDOM_PORT,
        properties = {"bakery.deletion.batch-size=" + OrdersSmallBatchDeletionContractTest.BATCH_SIZE,
                "bakery.deletion.chunk-target=0s"})
class OrdersSmallBatchDeletionContractTest extends GeneratedDataParticipantContractTest {

    static final int BATCH_SIZE = 3;

    OrdersSmallBatchDeletionContractTest() {
        super("orders");
    }

    @Test
    void everyTableOfASeededTenantHoldsMoreRowsThanOneStatementDeletes() {
        UUID tenant = UUID.randomUUID();

        seed(tenant, List.of(UUID.randomUUID()));

        for (String table : tenantKeyColumns().keySet()) {
            assertThat(database().jdbc().queryForObject("select count(*) from orders." + table + " where tenant_id = ?",
                    Long.class, tenant)).as(table + " at size " + DemoDataSize.SMALL).isGreaterThan(2L * BATCH_SIZE);
        }
    }
}
