package com.bakeryia.production;

import com.bakeryia.testsupport.deletion.DeletionParticipantContractTest;

import org.springframework.boot.test.context.SpringBootTest;

import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

@SpringBootTest(classes = ProductionTestApplication.class, webEnvironment = RANDOM_PORT)
class ProductionDeletionContractTest extends DeletionParticipantContractTest {

    ProductionDeletionContractTest() {
        super("production");
    }
}
