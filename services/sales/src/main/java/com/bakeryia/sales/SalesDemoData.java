package com.bakeryia.sales;

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
 * The sales service's share of generated data (about 25% of a size's rows): one record per
 * product, day and channel, going back from yesterday, written with COPY. The catalogue grows with
 * the size so that a year of days covers the rows. Who recorded them names the given members in
 * turn, or nobody when there are none.
 */
@Component
class SalesDemoData implements DemoDataContributor {

    private static final String[] PRODUCTS = {"Baguette", "Croissant", "Pan de centeno", "Pain au chocolat",
            "Tarta de manzana", "Magdalenas", "Ensaimada", "Pan integral", "Bizcocho", "Napolitana", "Chapata",
            "Roscon", "Palmera", "Hogaza"};
    private static final BigDecimal[] PRICES = {new BigDecimal("1.20"), new BigDecimal("1.50"), new BigDecimal("2.80"),
            new BigDecimal("1.90"), new BigDecimal("14.50"), new BigDecimal("3.20"), new BigDecimal("2.10"),
            new BigDecimal("2.40"), new BigDecimal("8.90"), new BigDecimal("1.70"), new BigDecimal("1.60"),
            new BigDecimal("18.00"), new BigDecimal("1.80"), new BigDecimal("4.50")};
    private static final String[] CHANNELS = {"STORE", "ONLINE", "WHOLESALE", "DELIVERY_APP"};
    /** Typical daily units per channel, store first. */
    private static final int[] CHANNEL_VOLUME = {80, 15, 40, 10};

    private final ServiceDatabase db;
    private final Clock clock;

    SalesDemoData(@Qualifier("sales") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public String service() {
        return "sales";
    }

    @Override
    public Map<String, Long> generate(UUID tenantId, DemoDataSize size, List<UUID> memberIds) {
        SplittableRandom random = new SplittableRandom();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        // One record per product, day and channel: a second run continues into the days before the earliest one.
        LocalDate earliest = db.jdbc().queryForObject("select min(sale_date) from sales.sales_records where tenant_id = ?",
                LocalDate.class, tenantId);
        LocalDate firstDay = earliest == null ? now.toLocalDate().minusDays(1) : earliest.minusDays(1);
        long rowCount = Math.max(1, Math.round(size.totalRows() * 0.25));
        int productCount = (int) Math.max(PRODUCTS.length, (rowCount + 365L * CHANNELS.length - 1) / (365L * CHANNELS.length));
        UUID[] productIds = new UUID[productCount];
        String[] productNames = new String[productCount];
        for (int p = 0; p < productCount; p++) {
            productNames[p] = p < PRODUCTS.length ? PRODUCTS[p] : PRODUCTS[p % PRODUCTS.length] + " " + (p / PRODUCTS.length + 1);
            productIds[p] = UUID.nameUUIDFromBytes((tenantId + "/product/" + p).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        int perDay = productCount * CHANNELS.length;
        Map<String, Long> written = new LinkedHashMap<>();
        try (TableCopy copy = TableCopy.into(db, "sales_records", "id", "tenant_id", "product_id", "product_name",
                "sale_date", "channel", "quantity_sold", "unit_price", "revenue", "recorded_by", "created_at")) {
            for (long i = 0; i < rowCount; i++) {
                int day = (int) (i / perDay);
                int product = (int) (i % perDay) / CHANNELS.length;
                int channel = (int) (i % CHANNELS.length);
                LocalDate date = firstDay.minusDays(day);
                int weekendBoost = date.getDayOfWeek().getValue() >= 6 ? 2 : 1;
                int quantity = random.nextInt(CHANNEL_VOLUME[channel] * weekendBoost + 1);
                BigDecimal price = PRICES[product % PRICES.length];
                copy.row(DemoValues.randomId(random), tenantId, productIds[product], productNames[product], date, CHANNELS[channel],
                        quantity, price, price.multiply(BigDecimal.valueOf(quantity)), DemoValues.person(memberIds, (int) i),
                        date.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
            }
            written.put("sales.sales_records", copy.rows());
        }
        return written;
    }
}
