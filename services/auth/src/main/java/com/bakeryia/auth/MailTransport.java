package com.bakeryia.auth;

/** Where a queued mail goes: an SMTP server, or files for a machine with none. */
interface MailTransport {

    /**
     * Hands the mail over; returns only once it is accepted (the SMTP server answered 250 to the
     * message, or the file is in place). Throws when it was not, and it is tried again later.
     */
    void deliver(OutgoingMail mail) throws Exception;

    /** Where mails go, for the log (no secret). */
    String describe();
}
