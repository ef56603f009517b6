package com.bakeryia.production;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.demodata.DemoDataContributor;
import com.bakeryia.platform.demodata.DemoDataSize;
import com.bakeryia.platform.demodata.DemoValues;
import com.bakeryia.platform.demodata.TableCopy;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The production service's share of generated data (about 5% of a size's rows): equipment, one
 * schedule per shift going back from today, batches spread over the schedules, and quality checks
 * of most batches, written with COPY. People columns name the given members in turn, or nobody
 * when there are none.
 */
@Component
class ProductionDemoData implements DemoDataContributor {

    private static final String[][] EQUIPMENT = {{"Horno de piso 1", "OVEN"}, {"Amasadora espiral", "MIXER"},
            {"Camara de fermentacion", "PROOFER"}, {"Horno rotativo", "OVEN"}, {"Laminadora", "SHEETER"},
            {"Abatidor", "FREEZER"}};
    private static final String[] SHIFTS = {"NIGHT", "MORNING", "AFTERNOON"};
    private static final int[] SHIFT_START_HOUR = {2, 8, 14};
    private static final String[] PRODUCTS = {"Baguette", "Croissant", "Pan de centeno", "Pain au chocolat",
            "Tarta de manzana", "Magdalenas", "Ensaimada", "Pan integral", "Bizcocho", "Napolitana"};
    private static final String[] CHECK_TYPES = {"VISUAL", "WEIGHT", "TEMPERATURE", "TASTE", "TEXTURE"};

    private final ServiceDatabase db;
    private final Clock clock;

    ProductionDemoData(@Qualifier("production") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public String service() {
        return "production";
    }

    @Override
    public Map<String, Long> generate(UUID tenantId, DemoDataSize size, List<UUID> memberIds) {
        SplittableRandom random = new SplittableRandom();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        LocalDate today = now.toLocalDate();
        int equipmentCount = size.share(0.001);
        int scheduleCount = size.share(0.005);
        int batchCount = size.share(0.025);
        int checkCount = size.share(0.019);
        Map<String, Long> written = new LinkedHashMap<>();

        UUID[] equipment = new UUID[equipmentCount];
        int firstName = (int) DemoValues.existingRows(db, "equipment", tenantId);
        try (TableCopy copy = TableCopy.into(db, "equipment", "id", "tenant_id", "name", "equipment_type", "status",
                "created_at")) {
            for (int i = 0; i < equipmentCount; i++) {
                equipment[i] = DemoValues.randomId(random);
                int n = firstName + i;
                String[] kind = EQUIPMENT[n % EQUIPMENT.length];
                String name = firstName == 0 && n < EQUIPMENT.length ? kind[0] : kind[0] + " " + (n / EQUIPMENT.length + 1);
                copy.row(equipment[i], tenantId, name, kind[1], random.nextInt(20) == 0 ? "MAINTENANCE" : "OPERATIONAL",
                        now.minusDays(400));
            }
            written.put("production.equipment", copy.rows());
        }

        UUID[] schedules = new UUID[scheduleCount];
        // One schedule per day and shift: a second run continues into the days before the earliest one.
        LocalDate earliest = db.jdbc().queryForObject(
                "select min(schedule_date) from production.production_schedules where tenant_id = ?", LocalDate.class, tenantId);
        LocalDate firstDay = earliest == null ? today : earliest.minusDays(1);
        OffsetDateTime[] shiftStart = new OffsetDateTime[scheduleCount];
        try (TableCopy copy = TableCopy.into(db, "production_schedules", "id", "tenant_id", "schedule_date", "shift",
                "status", "notes", "created_by", "created_at")) {
            for (int i = 0; i < scheduleCount; i++) {
                schedules[i] = DemoValues.randomId(random);
                LocalDate date = firstDay.minusDays(i / SHIFTS.length);
                int shift = i % SHIFTS.length;
                shiftStart[i] = date.atTime(SHIFT_START_HOUR[shift], 0).atOffset(ZoneOffset.UTC);
                copy.row(schedules[i], tenantId, date, SHIFTS[shift], date.isBefore(today) ? "COMPLETED" : "CONFIRMED",
                        null, DemoValues.person(memberIds, i), shiftStart[i].minusDays(2));
            }
            written.put("production.production_schedules", copy.rows());
        }

        UUID[] batches = new UUID[batchCount];
        OffsetDateTime[] batchStart = new OffsetDateTime[batchCount];
        try (TableCopy copy = TableCopy.into(db, "production_batches", "id", "tenant_id", "schedule_id", "equipment_id",
                "recipe_id", "product_name", "planned_quantity", "actual_quantity", "status", "planned_start",
                "assigned_to", "created_by", "created_at")) {
            for (int i = 0; i < batchCount; i++) {
                batches[i] = DemoValues.randomId(random);
                int schedule = i % scheduleCount;
                int product = random.nextInt(PRODUCTS.length);
                batchStart[i] = shiftStart[schedule].plusMinutes(30L * random.nextInt(10));
                boolean done = batchStart[i].isBefore(now);
                int planned = 20 + random.nextInt(180);
                copy.row(batches[i], tenantId, schedules[schedule], equipment[random.nextInt(equipmentCount)],
                        UUID.nameUUIDFromBytes((tenantId + "/recipe/" + product).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        PRODUCTS[product], planned, done ? planned - random.nextInt(Math.max(1, planned / 10)) : null,
                        done ? "COMPLETED" : "PLANNED", batchStart[i], DemoValues.person(memberIds, i + 1), DemoValues.person(memberIds, i),
                        batchStart[i].minusDays(1));
            }
            written.put("production.production_batches", copy.rows());
        }

        try (TableCopy copy = TableCopy.into(db, "quality_checks", "id", "tenant_id", "batch_id", "check_type", "result",
                "score", "notes", "checked_by", "checked_at", "created_at")) {
            for (int i = 0; i < checkCount; i++) {
                int batch = i % batchCount;
                int roll = random.nextInt(100);
                String result = roll < 88 ? "PASS" : roll < 97 ? "WARNING" : "FAIL";
                OffsetDateTime at = batchStart[batch].plusHours(2);
                copy.row(DemoValues.randomId(random), tenantId, batches[batch], CHECK_TYPES[random.nextInt(CHECK_TYPES.length)], result,
                        BigDecimal.valueOf(result.equals("PASS") ? 70 + random.nextInt(31) : 30 + random.nextInt(40), 1),
                        result.equals("FAIL") ? "Coccion insuficiente" : null, DemoValues.person(memberIds, i), at, at);
            }
            written.put("production.quality_checks", copy.rows());
        }
        return written;
    }
}
