package com.bakeryia.platform.deletion;

import java.time.Duration;

/**
 * What the process's chunk gate has done since start-up (the meter
 * {@code bakery.deletion.chunk.gate.wait} reads it): long chunk statements of large deletions take
 * turns there, so its waits are time a deletion spent queueing behind the others, not working.
 *
 * @param passed  statements that went through the gate
 * @param waited  those of them that found no permit free and waited
 * @param total   their waits added up
 * @param longest the longest single wait
 */
public record ChunkGateWaits(long passed, long waited, Duration total, Duration longest) {
}
