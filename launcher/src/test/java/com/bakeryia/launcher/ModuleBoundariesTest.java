package com.bakeryia.launcher;

import java.util.Arrays;
import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module boundaries, checked on the production classes of every module: the deletion contract
 * stands on the JDK and the web binding only; the platform and the orchestrator know no service;
 * no service knows another. Inside the orchestrator, its parts keep their edges: the HTTP layer is
 * the only place with controllers and nothing below it calls it, proof stands on the job store
 * alone, nothing depends on the wiring, and the parts have no cycle. (That the targets list has no
 * cycle is checked in TargetSelectionTest.)
 */
class ModuleBoundariesTest {

    /** The orchestrator's packages, one per part (see each package-info.java). */
    static final String ORCHESTRATOR = "com.bakeryia.orchestrator";
    static final String HTTP_API = ORCHESTRATOR + ".api..";
    static final String CONSOLE = ORCHESTRATOR + ".console..";
    static final String JOB_STORE = ORCHESTRATOR + ".job..";
    static final String PROOF = ORCHESTRATOR + ".proof..";
    static final String ENGINE = ORCHESTRATOR + ".engine..";

    /** The package of each service, from the targets list (every target but the orchestrator). */
    static final List<String> SERVICE_PACKAGES = Arrays.stream(Target.values())
            .filter(target -> target.role() != Target.Role.DELETION)
            .map(target -> target.configuration().getPackageName() + "..").toList();

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        // The other modules arrive as jars or class folders, depending on how Maven resolves them; test
        // classes (and the test fixtures module) are not production code.
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("test-support"))
                .importPackages("com.bakeryia");
    }

    @Test
    void everyModuleIsImported() {
        assertThat(SERVICE_PACKAGES).hasSize(14);
        assertThat(production.containPackage("com.bakeryia.deletion")).isTrue();
        assertThat(production.containPackage("com.bakeryia.orchestrator")).isTrue();
        SERVICE_PACKAGES.forEach(pkg -> assertThat(production.containPackage(pkg.replace("..", ""))).as(pkg).isTrue());
    }

    @Test
    void theDeletionContractDependsOnTheJdkAndTheWebBindingOnly() {
        ArchRule rule = classes().that().resideInAPackage("com.bakeryia.deletion..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.bakeryia.deletion..",
                        "org.springframework.web.client..", "org.springframework.http..");
        rule.check(production);
    }

    @Test
    void thePlatformImportsNoService() {
        noClasses().that().resideInAPackage("com.bakeryia.platform..")
                .should().dependOnClassesThat().resideInAnyPackage(SERVICE_PACKAGES.toArray(String[]::new))
                .check(production);
    }

    @Test
    void theOrchestratorImportsNoService() {
        noClasses().that().resideInAPackage("com.bakeryia.orchestrator..")
                .should().dependOnClassesThat().resideInAnyPackage(SERVICE_PACKAGES.toArray(String[]::new))
                .check(production);
    }

    @Test
    void noServiceImportsTheOrchestrator() {
        noClasses().that().resideInAnyPackage(SERVICE_PACKAGES.toArray(String[]::new))
                .should().dependOnClassesThat().resideInAPackage("com.bakeryia.orchestrator..")
                .check(production);
    }

    @Test
    void noServiceImportsAnotherService() {
        slices().matching("com.bakeryia.(*)..").namingSlices("$1")
                .that(com.tngtech.archunit.base.DescribedPredicate.describe("services",
                        slice -> SERVICE_PACKAGES.contains("com.bakeryia." + slice.getNamePart(1) + "..")))
                .should().notDependOnEachOther()
                .check(production);
    }

    @Test
    void theLeaseEngineAndTheWorkerNeverCallTheHttpLayer() {
        noClasses().that().resideInAPackage(ENGINE)
                .should().dependOnClassesThat().resideInAnyPackage(HTTP_API, CONSOLE)
                .check(production);
    }

    @Test
    void onlyTheWiringReachesIntoTheHttpLayer() {
        noClasses().that().resideInAPackage(ORCHESTRATOR + "..")
                .and().resideOutsideOfPackages(HTTP_API, ORCHESTRATOR)
                .should().dependOnClassesThat().resideInAPackage(HTTP_API)
                .check(production);
    }

    @Test
    void proofDependsOnNothingOfTheOrchestratorButTheJobStore() {
        noClasses().that().resideInAPackage(PROOF)
                .should().dependOnClassesThat(resideInAPackage(ORCHESTRATOR + "..")
                        .and(DescribedPredicate.not(resideInAnyPackage(PROOF, JOB_STORE))))
                .check(production);
    }

    @Test
    void theJobStoreDependsOnNoOtherPartOfTheOrchestrator() {
        noClasses().that().resideInAPackage(JOB_STORE)
                .should().dependOnClassesThat(resideInAPackage(ORCHESTRATOR + "..")
                        .and(DescribedPredicate.not(resideInAPackage(JOB_STORE))))
                .check(production);
    }

    /** The operator console's own {@code config.json} is the one controller outside the API (hidden from its document). */
    @Test
    void theHttpLayerIsTheOnlyPlaceWithControllers() {
        classes().that().resideInAPackage(ORCHESTRATOR + "..").and().areMetaAnnotatedWith(Controller.class)
                .should().resideInAnyPackage(HTTP_API, CONSOLE)
                .check(production);
    }

    @Test
    void nothingInTheOrchestratorDependsOnItsWiring() {
        noClasses().that().resideInAPackage(ORCHESTRATOR + ".*..")
                .should().dependOnClassesThat().resideInAPackage(ORCHESTRATOR)
                .check(production);
    }

    @Test
    void theOrchestratorsPartsHaveNoCycles() {
        slices().matching(ORCHESTRATOR + ".(*)..").namingSlices("orchestrator.$1")
                .should().beFreeOfCycles()
                .check(production);
    }
}
