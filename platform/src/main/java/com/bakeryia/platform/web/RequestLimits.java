package com.bakeryia.platform.web;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What one request may send, under {@code bakery.limits.*}: bounds that hold before any code of a
 * service sees the request, so an oversized or pathological body costs the server almost nothing.
 *
 * @param maxRequestBody        the largest request body, in bytes unless a unit is given ({@code 256KB});
 *                              default 256KB: the largest regular API body (an order or purchase order of
 *                              200 items, an external-data answer of at most 64K characters) is well
 *                              below it, and it is a thousandth of the 30 MB that used to be accepted.
 *                              A declared {@code Content-Length} above it is refused with 413 at once;
 *                              a body of unknown length (chunked) is refused with 413 when reading passes it
 * @param maxRequestBodyByPath  a larger (or smaller) limit for the paths that need it, keyed by a Spring
 *                              path pattern, for example
 *                              {@code bakery.limits.max-request-body-by-path[/api/v1/tenants/*&#47;forecasts]=512KB};
 *                              the most specific matching pattern wins. The defaults raise
 *                              {@code /api/v1/tenants/*&#47;forecasts} (a batch of up to 1000 forecasts) and
 *                              {@code /api/v1/tenants/*&#47;recipes} (up to 50 instructions of 2000 characters)
 *                              to 512KB; setting an entry keeps the others
 * @param json                  caps the JSON parser applies to everything it reads
 */
@ConfigurationProperties("bakery.limits")
public record RequestLimits(
        @DefaultValue("256KB") DataSize maxRequestBody,
        Map<String, DataSize> maxRequestBodyByPath,
        @DefaultValue Json json) {

    public RequestLimits {
        requirePositive("bakery.limits.max-request-body", maxRequestBody);
        maxRequestBodyByPath = maxRequestBodyByPath == null ? Map.of() : Map.copyOf(maxRequestBodyByPath);
        maxRequestBodyByPath.forEach((pattern, size) -> {
            requirePositive("bakery.limits.max-request-body-by-path[" + pattern + "]", size);
            PathPatternParser.defaultInstance.parse(pattern);
        });
    }

    /**
     * Caps of the JSON parser (Jackson's {@code StreamReadConstraints}) on the application's
     * mapper: request bodies, and also the answers of other services this process reads. Going
     * past one is a 400 that names the cap.
     *
     * @param maxNestingDepth   objects and arrays inside each other; default 64 (the API's bodies
     *                          nest 3 deep, an external-data answer a little more)
     * @param maxStringLength   characters of one string value; default 65536 (the longest regular
     *                          field holds 2000, an external-data value at most 8192)
     * @param maxNumberLength   characters of one number; default 100 (amounts have 12 digits)
     * @param maxNameLength     characters of one field name; default 1000
     * @param maxDocumentLength characters of one whole document; default 10MB. It bounds what
     *                          other services may answer too; request bodies are bounded far
     *                          tighter by {@code max-request-body}
     */
    public record Json(
            @DefaultValue("64") int maxNestingDepth,
            @DefaultValue("65536") int maxStringLength,
            @DefaultValue("100") int maxNumberLength,
            @DefaultValue("1000") int maxNameLength,
            @DefaultValue("10MB") DataSize maxDocumentLength) {

        public Json {
            requirePositive("bakery.limits.json.max-nesting-depth", maxNestingDepth);
            requirePositive("bakery.limits.json.max-string-length", maxStringLength);
            requirePositive("bakery.limits.json.max-number-length", maxNumberLength);
            requirePositive("bakery.limits.json.max-name-length", maxNameLength);
            requirePositive("bakery.limits.json.max-document-length", maxDocumentLength);
        }
    }

    /** A size as people read it: {@code 256 KB}, {@code 1 MB}, {@code 1000 bytes}. */
    public static String describe(DataSize size) {
        long bytes = size.toBytes();
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " bytes";
    }

    private static void requirePositive(String property, DataSize size) {
        if (size == null || size.toBytes() <= 0) {
            throw new IllegalArgumentException(property + " must be a positive size, got " + size + ".");
        }
    }

    private static void requirePositive(String property, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(property + " must be positive, got " + value + ".");
        }
    }
}
