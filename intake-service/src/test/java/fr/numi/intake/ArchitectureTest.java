package fr.numi.intake;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The dependency rule, executable: domain is plain Java; adapters don't reach into each other. */
@AnalyzeClasses(packages = "fr.numi.intake", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsPlainJava = classes().that().resideInAPackage("..domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "com.google.i18n.phonenumbers..", "..domain..");

    @ArchTest
    static final ArchRule webDoesNotReachIntoMessaging = noClasses().that().resideInAPackage("..web..")
            .should().dependOnClassesThat().resideInAnyPackage("..messaging..", "..persistence..");

    @ArchTest
    static final ArchRule messagingDoesNotReachIntoWeb = noClasses().that().resideInAPackage("..messaging..")
            .should().dependOnClassesThat().resideInAnyPackage("..web..", "..persistence..");

    @ArchTest
    static final ArchRule applicationDoesNotKnowAdapters = noClasses().that().resideInAPackage("..application..")
            .should().dependOnClassesThat().resideInAnyPackage("..web..", "..messaging..", "..persistence..", "..gateway..");

    @ArchTest
    static final ArchRule providerClientsStayOutbound = noClasses().that().resideInAPackage("..gateway..")
            .should().dependOnClassesThat().resideInAnyPackage("fr.numi.intake..web..", "fr.numi.intake..messaging..", "fr.numi.intake..persistence..");
}
