package com.bakeryia.platform.deletion;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Engine settings under {@code bakery.deletion.*}.
 *
 * @param batchSize rows per delete or update statement; each chunk commits on its own, so no
 *                  statement locks an unbounded set of rows
 */
@ConfigurationProperties("bakery.deletion")
public record DeletionProperties(@DefaultValue("5000") int batchSize) {

    public DeletionProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("bakery.deletion.batch-size must be at least 1, was " + batchSize);
        }
    }
}
