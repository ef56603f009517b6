package com.bakeryia.deletion;

import java.util.UUID;

/** The fixed value that replaces an erased user's id in data that stays (created_by and the like). */
public final class UserTombstone {

    /** Not a real user: the nil UUID. */
    public static final UUID ID = new UUID(0L, 0L);

    private UserTombstone() {
    }
}
