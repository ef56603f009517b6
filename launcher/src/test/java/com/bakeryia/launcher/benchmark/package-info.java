/** Benchmarks: run on demand (see docs/benchmark.md), never part of the test suite. */
package com.bakeryia.launcher.benchmark;
