package com.bakeryia.forecasting;

import com.bakeryia.testsupport.deletion.GeneratedDataParticipantContractTest;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(classes = ForecastingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ForecastingDeletionContractTest extends GeneratedDataParticipantContractTest {

    ForecastingDeletionContractTest() {
        super("forecasting");
    }
}
