package com.bakeryia.inventory;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.web.ApiProblem;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** The tenant's ingredients, in {@code inventory.ingredients}. */
@Component
class Ingredients {

    static final String CATEGORIES = "FLOUR|DAIRY|EGGS|SUGAR|FAT|YEAST|FRUIT|NUTS|CHOCOLATE|SPICE|PACKAGING|OTHER";

    private final ServiceDatabase db;
    private final Clock clock;

    Ingredients(@Qualifier("inventory") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    IngredientView add(UUID tenantId, NewIngredient ingredient, UUID createdBy) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        BigDecimal reorderLevel = ingredient.reorderLevel() == null ? BigDecimal.ZERO : ingredient.reorderLevel();
        int inserted = db.jdbc().update("""
                insert into inventory.ingredients (id, tenant_id, name, category, unit, reorder_level, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (tenant_id, name) do nothing""",
                id, tenantId, ingredient.name(), ingredient.category(), ingredient.unit(), reorderLevel, createdBy, now);
        if (inserted == 0) {
            throw ApiProblem.conflict("Tenant " + tenantId + " already has an ingredient named '" + ingredient.name() + "'.");
        }
        return new IngredientView(id, tenantId, ingredient.name(), ingredient.category(), ingredient.unit(), reorderLevel,
                createdBy, now);
    }

    /** Oldest first, ties broken by id, so pages never overlap or skip. */
    List<IngredientView> list(UUID tenantId, int limit, int offset) {
        return db.jdbc().query("""
                select id, tenant_id, name, category, unit, reorder_level, created_by, created_at
                from inventory.ingredients where tenant_id = ? order by created_at, id limit ? offset ?""",
                Ingredients::view, tenantId, limit, offset);
    }

    /** Fails with 400 naming the field unless the ingredient exists in this tenant; locks it against deletion. */
    void requireExisting(UUID tenantId, UUID ingredientId, String field) {
        if (db.jdbc().queryForList("select id from inventory.ingredients where tenant_id = ? and id = ? for key share",
                UUID.class, tenantId, ingredientId).isEmpty()) {
            throw ApiProblem.badRequest("Field '" + field + "': ingredient " + ingredientId
                    + " does not exist in tenant " + tenantId + ".");
        }
    }

    private static IngredientView view(ResultSet row, int index) throws SQLException {
        return new IngredientView(row.getObject("id", UUID.class), row.getObject("tenant_id", UUID.class),
                row.getString("name"), row.getString("category"), row.getString("unit"),
                row.getBigDecimal("reorder_level"), row.getObject("created_by", UUID.class),
                row.getObject("created_at", OffsetDateTime.class));
    }
}
