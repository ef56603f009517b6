package com.bakeryia.alertprocessor;

import com.bakeryia.testsupport.deletion.GeneratedDataParticipantContractTest;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(classes = AlertProcessorTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AlertProcessorDeletionContractTest extends GeneratedDataParticipantContractTest {

    AlertProcessorDeletionContractTest() {
        super("alert-processor");
    }
}
