package com.bakeryia.suppliers;

import com.bakeryia.testsupport.deletion.GeneratedDataParticipantContractTest;

import org.springframework.boot.test.context.SpringBootTest;

import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

@SpringBootTest(classes = SuppliersTestApplication.class, webEnvironment = RANDOM_PORT)
class SuppliersDeletionContractTest extends GeneratedDataParticipantContractTest {

    SuppliersDeletionContractTest() {
        super("suppliers");
    }
}
