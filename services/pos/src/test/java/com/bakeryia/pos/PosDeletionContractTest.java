package com.bakeryia.pos;

import com.bakeryia.testsupport.deletion.GeneratedDataParticipantContractTest;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(classes = PosTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PosDeletionContractTest extends GeneratedDataParticipantContractTest {

    PosDeletionContractTest() {
        super("pos");
    }
}
