package fr.numi.docs;

import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.contracts.Contracts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Keeps the README and docs/ true to the code: event catalogue, commands, links. */
class DocsTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

    @Test
    void shouldListEveryCatalogueTopicWithItsOwnerAndKeyInEventsMd() throws IOException {
        String events = Files.readString(ROOT.resolve("docs/events.md"));
        assertThat(Contracts.catalogue()).allSatisfy(topic -> assertThat(events)
                .as("docs/events.md row for " + topic.topic())
                .containsPattern("\\| `" + Pattern.quote(topic.topic()) + "` \\| " + Pattern.quote(topic.owner())
                        + " \\| [^|]+ \\| " + Pattern.quote(topic.key()) + " \\|"));
    }

    @Test
    void shouldGiveTheRunCommandThenTheTestCommandInTheQuickStart() throws IOException {
        List<String> blocks = quickStartShellBlocks();
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(2);
        assertThat(blocks.get(0)).contains("deploy/local/numi-local.sh");
        assertThat(Files.isExecutable(ROOT.resolve("deploy/local/numi-local.sh"))).isTrue();
        assertThat(blocks.get(1)).contains("./mvnw");
    }

    @Test
    void shouldRunTheReadmeTestCommandInCi() throws IOException {
        String testCommand = quickStartShellBlocks().get(1).strip();
        String ci = Files.readString(ROOT.resolve(".ci/run"));
        assertThat(ci).contains(testCommand);
    }

    static Stream<Path> markdownFiles() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md") && !p.toString().contains("/target/")).forEach(files::add);
        }
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("markdownFiles")
    void shouldOnlyLinkToFilesThatExist(Path markdown) throws IOException {
        Matcher links = LINK.matcher(Files.readString(markdown));
        while (links.find()) {
            String target = links.group(1);
            if (target.startsWith("http://") || target.startsWith("https://") || target.startsWith("mailto:")) {
                continue;
            }
            assertThat(markdown.getParent().resolve(target).normalize())
                    .as("link " + target + " in " + ROOT.relativize(markdown))
                    .exists();
        }
    }

    private static List<String> quickStartShellBlocks() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("## Quick start");
        assertThat(start).as("README has a Quick start section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Matcher blocks = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(section);
        List<String> result = new ArrayList<>();
        while (blocks.find()) {
            result.add(blocks.group(1));
        }
        return result;
    }
}
