package fr.numi.contracts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The runtime plumbing every service carries (CloudEvents, the sealing of personal fields, problems, agents' tokens,
 * MongoDB's guard, the retention job) stays plumbing: it never reaches the contract-testing tools, whose libraries are optional and absent
 * from a service's runtime classpath (PersonalFields once read the catalogue through Contracts: the jars did not start).
 */
class PlumbingTest {

    final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("fr.numi.contracts");

    @Test
    void shouldKeepTheRuntimePlumbingAwayFromTheTestingTools() {
        noClasses().that().resideInAnyPackage("fr.numi.contracts.cloudevents..", "fr.numi.contracts.problems..",
                        "fr.numi.contracts.security..", "fr.numi.contracts.json..", "fr.numi.contracts.messaging..",
                        "fr.numi.contracts.health..", "fr.numi.contracts.tracing..", "fr.numi.contracts.settings..",
                        "fr.numi.contracts.privacy..", "fr.numi.contracts.database..",
                        "fr.numi.contracts.retention..")
                .should().dependOnClassesThat().resideInAnyPackage("fr.numi.contracts.testing..", "com.networknt..", "org.awaitility..",
                        "com.tngtech.archunit..")
                .orShould().dependOnClassesThat().belongToAnyOf(Contracts.class)
                .check(classes);
    }
}
