package com.bakeryia.launcher;

import java.util.Arrays;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module boundaries, checked on the production classes of every module: the deletion contract
 * stands on the JDK and the web binding only; the platform and the orchestrator know no service;
 * no service knows another. (That the targets list has no cycle is checked in TargetSelectionTest.)
 */
class ModuleBoundariesTest {

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
}
