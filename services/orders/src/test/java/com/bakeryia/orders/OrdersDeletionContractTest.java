package com.bakeryia.orders;

import com.bakeryia.testsupport.deletion.GeneratedDataParticipantContractTest;

import org.springframework.boot.test.context.SpringBootTest;

import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

@SpringBootTest(classes = OrdersTestApplication.class, webEnvironment = RANDOM_PORT)
class OrdersDeletionContractTest extends GeneratedDataParticipantContractTest {

    OrdersDeletionContractTest() {
        super("orders");
    }
}
