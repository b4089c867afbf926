package fr.numi.contracts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The runtime plumbing every service carries (CloudEvents, problems, agents' tokens) stays plumbing: it never reaches
 * the contract-testing tools, whose libraries are optional and absent from a service's runtime classpath.
 */
class PlumbingTest {

    final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("fr.numi.contracts");

    @Test
    void shouldKeepTheRuntimePlumbingAwayFromTheTestingTools() {
        noClasses().that().resideInAnyPackage("fr.numi.contracts.cloudevents..", "fr.numi.contracts.problems..",
                        "fr.numi.contracts.security..", "fr.numi.contracts.json..", "fr.numi.contracts.messaging..",
                        "fr.numi.contracts.health..", "fr.numi.contracts.tracing..", "fr.numi.contracts.settings..")
                .should().dependOnClassesThat().resideInAnyPackage("fr.numi.contracts.testing..", "com.networknt..", "org.awaitility..",
                        "com.tngtech.archunit..")
                .orShould().dependOnClassesThat().belongToAnyOf(Contracts.class)
                .check(classes);
    }
}
