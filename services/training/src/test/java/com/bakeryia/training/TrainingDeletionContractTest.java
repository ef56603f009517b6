package com.bakeryia.training;

import com.bakeryia.testsupport.deletion.GeneratedDataParticipantContractTest;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(classes = TrainingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TrainingDeletionContractTest extends GeneratedDataParticipantContractTest {

    TrainingDeletionContractTest() {
        super("training");
    }
}
