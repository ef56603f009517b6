package com.bakeryia.testsupport.deletion;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract for a data service, whose tenant data its own demo data generator writes: on top of
 * the tenant-data tests, the generator fills every tenant table, adds rows when run again, and
 * names nobody in people columns when the tenant has no members.
 *
 * <pre>{@code
 * @SpringBootTest(classes = OrdersTestApplication.class, webEnvironment = RANDOM_PORT)
 * class OrdersDeletionContractTest extends GeneratedDataParticipantContractTest {
 *     OrdersDeletionContractTest() { super("orders"); }
 * }
 * }</pre>
 */
public abstract class GeneratedDataParticipantContractTest extends TenantDataParticipantContractTest {

    protected GeneratedDataParticipantContractTest(String service) {
        super(service);
    }

    @Test
    void seedingFillsEveryTenantTable() {
        UUID tenant = UUID.randomUUID();
        seed(tenant, List.of(UUID.randomUUID(), UUID.randomUUID()));

        assertThat(countsOfTenant(tenant))
                .as("rows of the seeded tenant per table of %s", service)
                .isNotEmpty()
                .allSatisfy((table, count) -> assertThat(count).as(table).isPositive());
    }


    @Test
    void generatingForATenantAgainAddsRowsInsteadOfFailing() {
        UUID tenant = UUID.randomUUID();
        List<UUID> people = List.of(UUID.randomUUID(), UUID.randomUUID());
        seed(tenant, people);
        Map<String, Long> afterFirst = countsOfTenant(tenant);

        seed(tenant, people);

        Map<String, Long> afterSecond = countsOfTenant(tenant);
        afterFirst.forEach((table, rows) -> assertThat(afterSecond.get(table)).as(table).isGreaterThanOrEqualTo(rows));
        assertThat(afterSecond.values().stream().mapToLong(Long::longValue).sum())
                .isGreaterThan(afterFirst.values().stream().mapToLong(Long::longValue).sum());
    }


    @Test
    void generatingWithoutMembersNamesNobodyInPeopleColumns() {
        UUID tenant = UUID.randomUUID();

        seed(tenant, List.of());

        for (String column : peopleColumns()) {
            String table = column.substring(0, column.indexOf('.'));
            String name = column.substring(column.indexOf('.') + 1);
            if (tablesWithColumn("tenant_id").contains(table)) {
                assertThat(database().jdbc().queryForObject("select count(*) from " + database().schema() + "." + table
                        + " where tenant_id = ? and " + name + " is not null", Long.class, tenant)).as(column).isZero();
            }
        }
    }
}
