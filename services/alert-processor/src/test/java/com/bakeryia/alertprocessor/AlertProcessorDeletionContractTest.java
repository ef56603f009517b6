package com.bakeryia.alertprocessor;

import com.bakeryia.testsupport.deletion.DeletionParticipantContractTest;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(classes = AlertProcessorTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AlertProcessorDeletionContractTest extends DeletionParticipantContractTest {

    AlertProcessorDeletionContractTest() {
        super("alert-processor");
    }
}
