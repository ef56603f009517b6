package com.bakeryia.external;

import com.bakeryia.testsupport.deletion.DeletionParticipantContractTest;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(classes = ExternalTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExternalDeletionContractTest extends DeletionParticipantContractTest {

    ExternalDeletionContractTest() {
        super("external");
    }
}
