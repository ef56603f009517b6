package com.bakeryia.external;

import com.bakeryia.testsupport.deletion.GeneratedDataParticipantContractTest;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(classes = ExternalTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExternalDeletionContractTest extends GeneratedDataParticipantContractTest {

    ExternalDeletionContractTest() {
        super("external");
    }
}
