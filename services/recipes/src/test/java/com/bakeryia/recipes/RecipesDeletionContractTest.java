package com.bakeryia.recipes;

import com.bakeryia.testsupport.deletion.GeneratedDataParticipantContractTest;

import org.springframework.boot.test.context.SpringBootTest;

import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

@SpringBootTest(classes = RecipesTestApplication.class, webEnvironment = RANDOM_PORT)
class RecipesDeletionContractTest extends GeneratedDataParticipantContractTest {

    RecipesDeletionContractTest() {
        super("recipes");
    }
}
