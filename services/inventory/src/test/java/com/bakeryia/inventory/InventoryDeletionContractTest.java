package com.bakeryia.inventory;

import com.bakeryia.testsupport.deletion.GeneratedDataParticipantContractTest;

import org.springframework.boot.test.context.SpringBootTest;

import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

@SpringBootTest(classes = InventoryTestApplication.class, webEnvironment = RANDOM_PORT)
class InventoryDeletionContractTest extends GeneratedDataParticipantContractTest {

    InventoryDeletionContractTest() {
        super("inventory");
    }
}
