/**
 * The deletion contract every data service implements: preview and delete what belongs to a
 * tenant or a user, report counts per table, never throw past {@link SafeDeletion}. In-process
 * and remote (HTTP) participants are interchangeable.
 */
package com.bakeryia.deletion;
