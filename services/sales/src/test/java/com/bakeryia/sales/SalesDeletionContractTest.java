package com.bakeryia.sales;

import com.bakeryia.testsupport.deletion.DeletionParticipantContractTest;

import org.springframework.boot.test.context.SpringBootTest;

import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

@SpringBootTest(classes = SalesTestApplication.class, webEnvironment = RANDOM_PORT)
class SalesDeletionContractTest extends DeletionParticipantContractTest {

    SalesDeletionContractTest() {
        super("sales");
    }
}
