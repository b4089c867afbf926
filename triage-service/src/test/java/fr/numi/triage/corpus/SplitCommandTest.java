package fr.numi.triage.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed train / dev / blind-test files are exactly what the split command makes of their union. */
class SplitCommandTest {

    static final Path CORPUS = Path.of("src/test/resources/corpus");

    @Test
    void shouldRebuildTheCommittedSplitWhenTheUnionIsSplitAgainWithTheSameSeed(@TempDir Path dir) throws Exception {
        // given the union of the three committed files, in id order
        List<String> union = new ArrayList<>();
        for (String part : List.of("train.jsonl", "dev.jsonl", "blind-test.jsonl")) {
            union.addAll(Files.readAllLines(CORPUS.resolve(part), StandardCharsets.UTF_8));
        }
        union.sort(Comparator.comparing(SplitCommandTest::id));
        Path all = dir.resolve("all.jsonl");
        Files.write(all, union, StandardCharsets.UTF_8);

        // when
        int exit = SplitCommand.run(new String[] {"split-corpus", all.toString(), dir.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err);

        // then
        assertThat(exit).isZero();
        for (String part : List.of("train.jsonl", "dev.jsonl", "blind-test.jsonl")) {
            assertThat(Files.readString(dir.resolve(part))).as(part).isEqualTo(Files.readString(CORPUS.resolve(part)));
        }
    }

    @Test
    void shouldKeepEachLevelAndTierInRoughlyTheSameShareInEveryPart() throws Exception {
        // given
        Map<String, Long> train = shares(CorpusFile.read(CORPUS.resolve("train.jsonl")));
        Map<String, Long> dev = shares(CorpusFile.read(CORPUS.resolve("dev.jsonl")));
        Map<String, Long> blind = shares(CorpusFile.read(CORPUS.resolve("blind-test.jsonl")));
        long trainSize = train.values().stream().mapToLong(Long::longValue).sum();
        long blindSize = blind.values().stream().mapToLong(Long::longValue).sum();

        // then: 70 / 15 / 15 overall, and every level-tier pair in each part
        assertThat(trainSize + blindSize + dev.values().stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(2000);
        assertThat((double) blindSize / trainSize).isBetween(0.19, 0.24);
        assertThat(blind.keySet()).isEqualTo(train.keySet()).isEqualTo(dev.keySet());
        train.forEach((key, count) -> assertThat((double) blind.get(key) / count).as(key).isBetween(0.15, 0.30));
    }

    @Test
    void shouldNeverPutTheSameRequestInTwoParts() throws Exception {
        // given
        List<LabelledRequest> all = new ArrayList<>();
        for (String part : List.of("train.jsonl", "dev.jsonl", "blind-test.jsonl")) {
            all.addAll(CorpusFile.read(CORPUS.resolve(part)));
        }

        // then
        assertThat(all).extracting(LabelledRequest::id).doesNotHaveDuplicates();
        assertThat(all).extracting(r -> r.text().toLowerCase().replaceAll("\\W+", " ").strip()).doesNotHaveDuplicates();
        assertThat(all).allSatisfy(r -> {
            assertThat(r.category()).as(r.id()).isNotNull();
            assertThat(r.urgency()).as(r.id()).isNotNull();
        });
    }

    @Test
    void shouldRefuseToSplitWithoutAnOutputFolder() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SplitCommand.run(new String[] {"split-corpus", "x.jsonl"}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:");
    }

    private static Map<String, Long> shares(List<LabelledRequest> requests) {
        return requests.stream().collect(Collectors.groupingBy(r -> r.level() + "|" + r.cyberTier(), Collectors.counting()));
    }

    private static String id(String json) {
        int start = json.indexOf("\"id\": \"") + 7;
        return json.substring(start, json.indexOf('"', start));
    }

}
