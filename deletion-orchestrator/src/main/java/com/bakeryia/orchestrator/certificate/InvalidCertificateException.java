package com.bakeryia.orchestrator.certificate;

/** A deletion certificate that does not verify; the message says why, in words a person can act on. */
public class InvalidCertificateException extends RuntimeException {

    public InvalidCertificateException(String reason) {
        super(reason);
    }

    public InvalidCertificateException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
