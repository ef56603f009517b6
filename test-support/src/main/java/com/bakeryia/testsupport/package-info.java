/**
 * Test fixtures: one real embedded PostgreSQL per test JVM, a real-HTTP client for API tests, and
 * the one clock tests move by hand ({@link com.bakeryia.testsupport.SettableClock}).
 */
package com.bakeryia.testsupport;
