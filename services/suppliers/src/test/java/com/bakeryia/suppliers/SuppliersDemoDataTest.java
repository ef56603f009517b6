package com.bakeryia.suppliers;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.demodata.DemoDataSize;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

@SpringBootTest(classes = SuppliersTestApplication.class, webEnvironment = RANDOM_PORT)
class SuppliersDemoDataTest {

    @Autowired
    SuppliersDemoData demoData;

    @Autowired
    @Qualifier("suppliers")
    ServiceDatabase db;

    @Test
    void fillingATenantAgainAddsAnotherShareInsteadOfFailingOnUniqueNames() {
        UUID tenant = UUID.randomUUID();
        List<UUID> people = List.of(UUID.randomUUID(), UUID.randomUUID());

        Map<String, Long> first = demoData.generate(tenant, DemoDataSize.SMALL, people);
        Map<String, Long> second = demoData.generate(tenant, DemoDataSize.SMALL, people);

        assertThat(second).isEqualTo(first);
        first.forEach((table, rows) -> assertThat(db.jdbc().queryForObject(
                "select count(*) from " + table + " where tenant_id = ?", Long.class, tenant)).as(table).isEqualTo(2 * rows));
    }

    @Test
    void withoutMembersThePeopleColumnsNameNobody() {
        UUID tenant = UUID.randomUUID();

        Map<String, Long> written = demoData.generate(tenant, DemoDataSize.SMALL, List.of());

        assertThat(written.values()).allSatisfy(rows -> assertThat(rows).isPositive());
        List<String> peopleColumns = db.jdbc().queryForList("""
                select table_name || '.' || column_name from information_schema.columns
                where table_schema = ? and column_name ~ '^(user_id|assigned_to|.*_user_id|.*_by)$'
                  and table_name <> 'flyway_schema_history'""", String.class, db.schema());
        assertThat(peopleColumns).isNotEmpty().allSatisfy(column -> {
            String table = column.substring(0, column.indexOf('.'));
            String name = column.substring(column.indexOf('.') + 1);
            assertThat(db.jdbc().queryForObject("select count(*) from " + db.schema() + "." + table
                    + " where tenant_id = ? and " + name + " is not null", Long.class, tenant)).as(column).isZero();
        });
    }
}
