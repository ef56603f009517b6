package com.bakeryia.platform.web;

import java.io.IOException;

/**
 * Reading a request body went past its limit ({@code bakery.limits.max-request-body}); the
 * request is answered 413 and nothing of it is processed. An {@link IOException}, so it travels
 * through any parser that reads the stream; the shared advice and {@link RequestBodyLimitFilter}
 * find it in a cause chain.
 */
public class RequestBodyTooLargeException extends IOException {

    private final long limitBytes;

    public RequestBodyTooLargeException(long limitBytes) {
        super("The request body is larger than the limit of " + RequestLimits.describe(
                org.springframework.util.unit.DataSize.ofBytes(limitBytes)) + " for this endpoint.");
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }

    /** This exception when it is {@code failure} or one of its causes, else null. */
    static RequestBodyTooLargeException in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException tooLarge) {
                return tooLarge;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
