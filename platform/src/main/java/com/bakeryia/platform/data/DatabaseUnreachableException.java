package com.bakeryia.platform.data;

/** A configured (or embedded) database could not be reached at start-up. */
public class DatabaseUnreachableException extends RuntimeException {

    private final String location;

    public DatabaseUnreachableException(String location, String reason, Throwable cause) {
        super("Cannot reach PostgreSQL at " + location + ": " + reason, cause);
        this.location = location;
    }

    public String location() {
        return location;
    }
}
