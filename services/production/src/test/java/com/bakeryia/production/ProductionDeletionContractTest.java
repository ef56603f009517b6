package com.bakeryia.production;

import com.bakeryia.testsupport.deletion.GeneratedDataParticipantContractTest;

import org.springframework.boot.test.context.SpringBootTest;

import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

@SpringBootTest(classes = ProductionTestApplication.class, webEnvironment = RANDOM_PORT)
class ProductionDeletionContractTest extends GeneratedDataParticipantContractTest {

    ProductionDeletionContractTest() {
        super("production");
    }
}
