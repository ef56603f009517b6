/**
 * Signing keys shared by every replica of a target: kept in that target's own schema, private parts
 * sealed under a key-encryption key that is never in the database, loaded and refreshed by each
 * replica, rotated by whichever replica finds the current key due.
 */
package com.bakeryia.platform.keys;
