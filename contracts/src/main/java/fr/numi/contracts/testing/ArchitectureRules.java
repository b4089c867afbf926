package fr.numi.contracts.testing;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The dependency rules every numi service keeps, written once. Each service's {@code ArchitectureTest} runs them all:
 * <pre>
 * &#64;AnalyzeClasses(packages = "fr.numi.triage", importOptions = ImportOption.DoNotIncludeTests.class)
 * class ArchitectureTest {
 *     &#64;ArchTest
 *     static final ArchTests numi = ArchTests.in(ArchitectureRules.class);
 * }
 * </pre>
 * Inside a service: package by feature, then by role ({@code domain}, {@code application} and the adapters
 * {@code web}, {@code messaging}, {@code persistence}, and the outbound clients {@code gateway}, {@code paging},
 * {@code content}). Tooling for tests, like {@link Records}.
 */
public final class ArchitectureRules {

    /** The adapters: each talks to the application, never to another adapter. */
    static final List<String> ADAPTERS = List.of("web", "messaging", "persistence", "gateway", "paging", "content");

    private ArchitectureRules() {}

    /**
     * The domain is plain Java: the JDK, its own and other features' domains, and plain-Java value libraries (intake's
     * phone-number parsing). No Spring, Kafka, Mongo or Jackson.
     */
    @ArchTest
    public static final ArchRule domainIsPlainJava = classes().that().resideInAPackage("fr.numi..domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "com.google.i18n.phonenumbers..",
                    "fr.numi..domain..")
            .allowEmptyShould(true);

    @ArchTest
    public static final ArchRule applicationDoesNotKnowAdapters = noClasses().that().resideInAPackage("fr.numi..application..")
            .should().dependOnClassesThat().resideInAnyPackage(adapters(ADAPTERS))
            .allowEmptyShould(true);

    @ArchTest
    public static final ArchRule webDoesNotReachIntoOtherAdapters = adapterStaysAlone("web");

    @ArchTest
    public static final ArchRule messagingDoesNotReachIntoOtherAdapters = adapterStaysAlone("messaging");

    @ArchTest
    public static final ArchRule persistenceDoesNotReachIntoOtherAdapters = adapterStaysAlone("persistence");

    @ArchTest
    public static final ArchRule gatewaysDoNotReachIntoOtherAdapters = adapterStaysAlone("gateway");

    @ArchTest
    public static final ArchRule pagingDoesNotReachIntoOtherAdapters = adapterStaysAlone("paging");

    @ArchTest
    public static final ArchRule contentDoesNotReachIntoOtherAdapters = adapterStaysAlone("content");

    /**
     * No cycle between features ({@code fr.numi.<service>.<feature>..}). {@code config} is left out: it wires the
     * features and holds the settings records they read, by design.
     */
    @ArchTest
    public static final ArchRule featuresAreFreeOfCycles = slices().matching("fr.numi.(*).(*)..")
            .should().beFreeOfCycles()
            .ignoreDependency(resideInAPackage("fr.numi.*.config.."), alwaysTrue())
            .ignoreDependency(alwaysTrue(), resideInAPackage("fr.numi.*.config.."))
            .allowEmptyShould(true);

    /** No cycle between any two packages, inside a feature too. */
    @ArchTest
    public static final ArchRule packagesAreFreeOfCycles = slices().matching("fr.numi.(**)")
            .should().beFreeOfCycles()
            .allowEmptyShould(true);

    /**
     * Every Java file declares the package of its folder ({@code src/main/java} and {@code src/test/java} of the module
     * under test: Maven runs tests in the module's folder).
     */
    @ArchTest
    public static void packagesMatchFolders(JavaClasses classes) {
        List<String> mismatches = new ArrayList<>();
        mismatches.addAll(packageMismatches(Path.of("src/main/java")));
        mismatches.addAll(packageMismatches(Path.of("src/test/java")));
        if (!mismatches.isEmpty()) {
            throw new AssertionError(mismatches.size() + " Java file(s) declare a package that is not their folder:\n  "
                    + String.join("\n  ", mismatches));
        }
    }

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    /** {@code path: declares fr.numi.ticket.domain} for each file under the source root whose package is not its folder. */
    public static List<String> packageMismatches(Path sourceRoot) {
        if (!Files.isDirectory(sourceRoot)) {
            return List.of();
        }
        List<String> mismatches = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                Path folder = sourceRoot.relativize(file).getParent();
                String expected = folder == null ? "" : folder.toString().replace(file.getFileSystem().getSeparator(), ".");
                Matcher declared = PACKAGE.matcher(Files.readString(file));
                String actual = declared.find() ? declared.group(1) : "";
                if (!actual.equals(expected)) {
                    mismatches.add(sourceRoot.resolve(sourceRoot.relativize(file)) + ": declares "
                            + (actual.isEmpty() ? "no package" : actual) + ", folder is " + expected);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return mismatches;
    }

    private static ArchRule adapterStaysAlone(String adapter) {
        List<String> others = ADAPTERS.stream().filter(a -> !a.equals(adapter)).toList();
        return noClasses().that().resideInAPackage("fr.numi.." + adapter + "..")
                .should().dependOnClassesThat().resideInAnyPackage(adapters(others))
                .because("adapters talk to the application, not to each other")
                .allowEmptyShould(true);
    }

    private static String[] adapters(List<String> names) {
        return names.stream().map(a -> "fr.numi.." + a + "..").toArray(String[]::new);
    }
}
