package com.bakeryia.orchestrator.events;

import com.bakeryia.orchestrator.job.JobKind;
import com.bakeryia.orchestrator.proof.DeletionAudit.Action;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which audited action announces which event, for each kind of subject; the others announce none. */
class DeletionEventTypesTest {

    @Test
    void aTenantDeletionIsScheduledRestoredStartedAndCompleted() {
        assertThat(DeletionEvents.typeOf(Action.SCHEDULED, JobKind.TENANT)).isEqualTo("tenant.deletion.scheduled");
        assertThat(DeletionEvents.typeOf(Action.RESTORED, JobKind.TENANT)).isEqualTo("tenant.deletion.restored");
        assertThat(DeletionEvents.typeOf(Action.STARTED, JobKind.TENANT)).isEqualTo("tenant.deletion.started");
        assertThat(DeletionEvents.typeOf(Action.COMPLETED, JobKind.TENANT)).isEqualTo("tenant.deletion.completed");
    }

    @Test
    void aPersonsErasureIsScheduledCancelledStartedAndCompleted() {
        assertThat(DeletionEvents.typeOf(Action.SCHEDULED, JobKind.USER)).isEqualTo("user.erasure.scheduled");
        assertThat(DeletionEvents.typeOf(Action.CANCELLED, JobKind.USER)).isEqualTo("user.erasure.cancelled");
        assertThat(DeletionEvents.typeOf(Action.RESTORED, JobKind.USER)).as("an operator's restore")
                .isEqualTo("user.erasure.cancelled");
        assertThat(DeletionEvents.typeOf(Action.STARTED, JobKind.USER)).isEqualTo("user.erasure.started");
        assertThat(DeletionEvents.typeOf(Action.COMPLETED, JobKind.USER)).isEqualTo("user.erasure.completed");
    }

    @Test
    void attemptsVerificationsFailuresAndCertificatesAnnounceNothing() {
        for (Action action : new Action[] {Action.REQUESTED, Action.ATTEMPT, Action.RETRIED, Action.VERIFIED,
                Action.SCANNED, Action.FAILED, Action.CERTIFICATE_ISSUED}) {
            assertThat(DeletionEvents.typeOf(action, JobKind.TENANT)).as(action.name()).isNull();
            assertThat(DeletionEvents.typeOf(action, JobKind.USER)).as(action.name()).isNull();
        }
    }
}
