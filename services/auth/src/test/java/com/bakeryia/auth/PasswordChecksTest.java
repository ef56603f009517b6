package com.bakeryia.auth;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.bakeryia.platform.web.ApiProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Password hashing runs on a few permits; a caller that finds none free within the wait gets 503 with Retry-After. */
class PasswordChecksTest {

    @Test
    void aCallerFindingEveryPermitTakenIsAnswered503WithRetryAfterAndTheNextOneRunsOnceAPermitFrees() throws Exception {
        PasswordChecks checks = new PasswordChecks(1, Duration.ofMillis(50));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> holder = CompletableFuture.supplyAsync(() -> checks.run(() -> {
            holding.countDown();
            await(release);
            return "first";
        }));
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> checks.run(() -> "second"))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.getStatusCode().value()).isEqualTo(503);
                    assertThat(problem.getHeaders().getFirst("Retry-After")).isEqualTo("1");
                });

        release.countDown();
        assertThat(holder.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(checks.run(() -> "third")).isEqualTo("third");
    }

    @Test
    void aPermitIsReturnedWhenTheWorkFails() {
        PasswordChecks checks = new PasswordChecks(1, Duration.ofMillis(50));
        assertThatThrownBy(() -> checks.run(() -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(checks.run(() -> "after")).isEqualTo("after");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
