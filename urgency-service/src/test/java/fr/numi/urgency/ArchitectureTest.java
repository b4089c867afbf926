package fr.numi.urgency;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rule, executable: domain is plain Java; adapters don't reach into each other.
 */
@AnalyzeClasses(packages = "fr.numi.urgency", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsPlainJava = classes().that().resideInAPackage("..domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "..domain..");

    @ArchTest
    static final ArchRule webDoesNotReachIntoMessaging = noClasses().that().resideInAPackage("fr.numi.urgency..web..")
            .should().dependOnClassesThat().resideInAnyPackage("fr.numi.urgency..messaging..", "fr.numi.urgency..persistence..", "fr.numi.urgency..paging..");

    @ArchTest
    static final ArchRule messagingDoesNotReachIntoWeb = noClasses().that().resideInAPackage("fr.numi.urgency..messaging..")
            .should().dependOnClassesThat().resideInAnyPackage("fr.numi.urgency..web..", "fr.numi.urgency..persistence..", "fr.numi.urgency..paging..");

    @ArchTest
    static final ArchRule pagingAndPersistenceStayAlone = noClasses().that().resideInAnyPackage("fr.numi.urgency..paging..", "fr.numi.urgency..persistence..", "fr.numi.urgency..content..")
            .should().dependOnClassesThat().resideInAnyPackage("fr.numi.urgency..web..", "fr.numi.urgency..messaging..");

    @ArchTest
    static final ArchRule applicationDoesNotKnowAdapters = noClasses().that().resideInAPackage("..application..")
            .should().dependOnClassesThat().resideInAnyPackage("fr.numi.urgency..web..", "fr.numi.urgency..messaging..", "fr.numi.urgency..persistence..", "fr.numi.urgency..paging..", "fr.numi.urgency..content..");
}
