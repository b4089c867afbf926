package fr.numi.triage.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training is reproducible: the committed corpus gives back the shipped model file, byte for byte. */
class TrainCommandTest {

    static final Path CORPUS = Path.of("src/test/resources/corpus");
    static final Path SHIPPED = Path.of("src/main/resources/triage/model-v1.json");

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shouldRebuildTheShippedModelByteForByteFromTheCommittedCorpus(@TempDir Path dir) throws Exception {
        // given
        Path retrained = dir.resolve("model.json");

        // when
        int exit = TrainCommand.run(new String[] {"train", CORPUS.toString(), retrained.toString()}, stream(out), stream(err));

        // then
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(Files.readString(retrained)).as("retrain with the command in docs/services/triage.md, then commit the model")
                .isEqualTo(Files.readString(SHIPPED));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("features", "sha256");
    }

    @Test
    void shouldLearnOnlyFromTheCorrectedLinesOfAnExport(@TempDir Path dir) throws Exception {
        // given a corpus folder with one example per level and an export with one corrected and one confirmed line
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        Files.writeString(corpus.resolve("train.jsonl"), """
                {"id":"a","text":"mon imprimante ne marche plus","expected":{"level":2,"cyber":false,"category":"printing"}}
                {"id":"b","text":"comment envoyer une photo par mail","expected":{"level":1,"cyber":false,"category":"messaging"}}
                {"id":"c","text":"un faux conseiller m'a fait faire un virement","expected":{"level":3,"cyber":true,"cyberTier":"EMERGENCY","category":"transfer-scam"}}
                """);
        for (String f : new String[] {"train-extra.jsonl", "train-more.jsonl", "train-3.jsonl", "blind-test.jsonl", "blind-test-2.jsonl",
            "requests.jsonl", "holdout.jsonl"}) {
            Files.writeString(corpus.resolve(f), "");
        }
        Path export = dir.resolve("export.jsonl");
        Files.writeString(export, """
                {"id":"r1","text":"ma box clignote","expected":{"level":2,"cyber":false,"category":"internet-network"},"corrected":true,"triage":{"level":1,"category":"other","cyberTier":"NONE"}}
                {"id":"r2","text":"bonjour","expected":{"level":1,"cyber":false,"category":"other"},"corrected":false,"triage":{"level":1,"category":"other","cyberTier":"NONE"}}
                """);

        // when
        int exit = TrainCommand.run(new String[] {"train", corpus.toString(), dir.resolve("m.json").toString(), "--extra=" + export},
                stream(out), stream(err));

        // then
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(": 4 requests");
        assertThat(Files.readString(dir.resolve("m.json"))).contains("\"files\": [\"train.jsonl\", \"train-extra.jsonl\", \"train-more.jsonl\", \"train-3.jsonl\","
                + " \"blind-test.jsonl\", \"blind-test-2.jsonl\", \"requests.jsonl\", \"holdout.jsonl\", \"export.jsonl\"]");
    }

    @Test
    void shouldExitWith2WhenTheCorpusFolderIsMissing(@TempDir Path dir) {
        int exit = TrainCommand.run(new String[] {"train", dir.resolve("none").toString(), dir.resolve("m.json").toString()},
                stream(out), stream(err));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:", "not a folder");
    }

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
