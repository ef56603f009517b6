/** Benchmarks: run on demand (see README), never part of the test suite. */
package com.bakeryia.launcher.benchmark;
