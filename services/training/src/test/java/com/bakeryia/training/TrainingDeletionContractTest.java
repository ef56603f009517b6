package com.bakeryia.training;

import com.bakeryia.testsupport.deletion.DeletionParticipantContractTest;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(classes = TrainingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TrainingDeletionContractTest extends DeletionParticipantContractTest {

    TrainingDeletionContractTest() {
        super("training");
    }
}
