/** Test fixtures: one real embedded PostgreSQL per test JVM, and a real-HTTP client for API tests. */
package com.bakeryia.testsupport;
