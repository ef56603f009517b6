package com.bakeryia.sales;

import com.bakeryia.testsupport.deletion.GeneratedDataParticipantContractTest;

import org.springframework.boot.test.context.SpringBootTest;

import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

@SpringBootTest(classes = SalesTestApplication.class, webEnvironment = RANDOM_PORT)
class SalesDeletionContractTest extends GeneratedDataParticipantContractTest {

    SalesDeletionContractTest() {
        super("sales");
    }
}
