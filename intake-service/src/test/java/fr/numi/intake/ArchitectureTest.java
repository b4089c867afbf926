package fr.numi.intake;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import fr.numi.contracts.testing.ArchitectureRules;

/** numi's dependency rules (domain plain Java, adapters apart, no cycles, packages as folders), executable. */
@AnalyzeClasses(packages = "fr.numi.intake", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests numi = ArchTests.in(ArchitectureRules.class);
}
