package com.bakeryia.notification;

import com.bakeryia.testsupport.deletion.GeneratedDataParticipantContractTest;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(classes = NotificationTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationDeletionContractTest extends GeneratedDataParticipantContractTest {

    NotificationDeletionContractTest() {
        super("notification");
    }
}
