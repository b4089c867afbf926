package fr.numi.triage.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The evaluation command as {@code java -jar … evaluate FILE} runs it (no Spring context). A blind test set is not
 * measured here: it is scored once, by hand, at the end of a piece of work (docs/services/triage.md). The first one,
 * {@code blind-test.jsonl}, was scored once and then retired; since {@code triage-model-2026-12-3} it is training data,
 * and its targets are kept as a regression check. {@code dev.jsonl} is the held-out set.
 */
class EvaluateCommandTest {

    static final Path CORPUS = Path.of("src/test/resources/corpus");

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @Nested
    class Targets {

        @Test
        void shouldKeepTheTargetsOnTheDevSetTheThresholdsWereChosenOn() {
            // when
            int exit = evaluate(CORPUS.resolve("dev.jsonl").toString());

            // then
            assertThat(exit).isZero();
            JsonNode result = lastLine();
            assertThat(result.get("cases").asInt()).isEqualTo(320);
            assertThat(result.get("cyberRecall").asDouble()).isEqualTo(1.0);
            assertThat(result.get("levelAccuracy").asDouble()).isGreaterThanOrEqualTo(0.92);
            assertThat(result.get("falseEmergencyRate").asDouble()).isLessThanOrEqualTo(0.02);
        }

        @Test
        void shouldKeepTheTargetsOnTheRetiredBlindTestSet() {
            // when
            int exit = evaluate(CORPUS.resolve("blind-test.jsonl").toString());

            // then
            assertThat(exit).isZero();
            JsonNode result = lastLine();
            assertThat(result.get("cases").asInt()).isEqualTo(321);
            assertThat(result.get("cyberRecall").asDouble()).isEqualTo(1.0);
            assertThat(result.get("levelAccuracy").asDouble()).isGreaterThanOrEqualTo(0.92);
            assertThat(result.get("falseEmergencyRate").asDouble()).isLessThanOrEqualTo(0.02);
        }

        @Test
        void shouldKeepTheTargetsOnTheRulesOwnCorpora() {
            for (String file : new String[] {"requests.jsonl", "holdout.jsonl"}) {
                out.reset();
                assertThat(evaluate(CORPUS.resolve(file).toString())).isZero();
                JsonNode result = lastLine();
                assertThat(result.get("cyberRecall").asDouble()).as(file).isEqualTo(1.0);
                assertThat(result.get("levelAccuracy").asDouble()).as(file).isGreaterThanOrEqualTo(0.92);
                assertThat(result.get("falseEmergencyRate").asDouble()).as(file).isLessThanOrEqualTo(0.02);
            }
        }
    }

    @Nested
    class Report {

        @Test
        void shouldEndWithOneJsonObjectThatStartsWithTheFourHistoricMeasures() throws Exception {
            // given a scam (found) and a broken printer labelled level 1 (a level miss)
            Path file = write("""
                    {"id":"a","channel":"WEB","text":"Un faux conseiller m'a fait faire un virement","expected":{"level":3,"cyber":true}}
                    {"id":"b","channel":"PHONE","text":"mon imprimante marche plus","expected":{"level":1,"cyber":false}}
                    """);

            // when
            int exit = evaluate(file.toString());

            // then
            assertThat(exit).isZero();
            String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\\R");
            assertThat(lines[lines.length - 1])
                    .startsWith("{\"cases\":2,\"levelAccuracy\":0.5000,\"cyberRecall\":1.0000,\"falseCyberRate\":0.0000,");
            JsonNode result = lastLine();
            assertThat(result.get("falseEmergencyRate").asDouble()).isZero();
            assertThat(result.get("misses").asInt()).isEqualTo(1);
            assertThat(result.get("categoryAccuracy").isNull()).isTrue();
        }

        @Test
        void shouldCountMissesByCaseEvenWhenTheReasonsAreExplained() throws Exception {
            // given two cases wrong on both level and cyber
            Path file = write("""
                    {"id":"a","text":"mon imprimante ne marche plus","expected":{"level":3,"cyber":true}}
                    {"id":"b","text":"Un faux conseiller m'a fait faire un virement de 2000 euros","expected":{"level":1,"cyber":false}}
                    """);

            // when
            int exit = EvaluateCommand.run(new String[] {"evaluate", file.toString(), "--explain"}, stream(out), stream(err));

            // then
            assertThat(exit).isZero();
            assertThat(lastLine().get("misses").asInt()).isEqualTo(2);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("misses: 2 cases", "level+cyber");
        }

        @Test
        void shouldPrintTierCategoryAndUrgencyMatricesWhenTheLabelsAreThere() throws Exception {
            // given richer labels
            Path file = write("""
                    {"id":"a","text":"Un faux conseiller m'a fait faire un virement de 2000 euros","expected":{"level":3,"cyber":true,"cyberTier":"EMERGENCY","category":"transfer-scam","urgency":"CRITICAL"}}
                    {"id":"b","text":"Bonjour, mon imprimante n'imprime plus depuis hier.","expected":{"level":2,"cyber":false,"cyberTier":"NONE","category":"printing","urgency":"NORMAL"}}
                    """);

            // when
            evaluate(file.toString());

            // then
            String report = out.toString(StandardCharsets.UTF_8);
            assertThat(report).contains("cyber tier (rows: expected, columns: decided)", "category (rows: expected",
                    "urgency (rows: expected", "transfer-scam", "printing");
            JsonNode result = lastLine();
            assertThat(result.get("categoryAccuracy").asDouble()).isEqualTo(1.0);
            assertThat(result.get("urgencyAccuracy").asDouble()).isEqualTo(1.0);
            assertThat(result.get("tierAccuracy").asDouble()).isEqualTo(1.0);
        }

        @Test
        void shouldReportHowOftenAgentsCorrectedTriagePerCategoryFromAnExportedFile() throws Exception {
            // given an export: two printing decisions (one corrected to a scam), one scam decision left as it was
            Path export = write("""
                    {"id":"r1","channel":"WEB","text":"mon imprimante fait n'importe quoi","expected":{"level":2,"cyber":false,"cyberTier":"NONE","category":"printing","urgency":"NORMAL"},"corrected":false,"triage":{"level":2,"category":"printing","cyberTier":"NONE"}}
                    {"id":"r2","channel":"WEB","text":"on m'a demandé de payer pour débloquer l'imprimante","expected":{"level":3,"cyber":true,"cyberTier":"SUSPECTED","category":"scam"},"corrected":true,"triage":{"level":2,"category":"printing","cyberTier":"NONE"}}
                    {"id":"r3","channel":"WEB","text":"Un faux conseiller m'a fait faire un virement","expected":{"level":3,"cyber":true,"cyberTier":"EMERGENCY","category":"transfer-scam","urgency":"CRITICAL"},"corrected":false,"triage":{"level":3,"category":"transfer-scam","cyberTier":"EMERGENCY"}}
                    """);

            // when
            int exit = evaluate(export.toString());

            // then
            assertThat(exit).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("agents' corrections, by the category triage chose");
            JsonNode corrections = lastLine().get("corrections");
            assertThat(corrections.get("decisions").asInt()).isEqualTo(3);
            assertThat(corrections.get("corrected").asInt()).isEqualTo(1);
            assertThat(corrections.get("byCategory").get("printing").get("rate").asDouble()).isEqualTo(0.5);
            assertThat(corrections.get("byCategory").get("transfer-scam").get("rate").asDouble()).isZero();
        }

        @Test
        void shouldTakeTheCorrectionsFromAnotherFileWhenAsked() throws Exception {
            // given
            Path corpus = write("""
                    {"id":"a","text":"mon imprimante marche plus","expected":{"level":2,"cyber":false}}
                    """);
            Path export = write("""
                    {"id":"r1","text":"x","expected":{"level":2,"cyber":false},"corrected":true,"triage":{"level":1,"category":"device","cyberTier":"NONE"}}
                    """);

            // when
            int exit = EvaluateCommand.run(new String[] {"evaluate", corpus.toString(), "--corrections=" + export}, stream(out), stream(err));

            // then
            assertThat(exit).isZero();
            assertThat(lastLine().get("cases").asInt()).isEqualTo(1);
            assertThat(lastLine().get("corrections").get("byCategory").get("device").get("corrected").asInt()).isEqualTo(1);
        }
    }

    @Nested
    class Failures {

        @Test
        void shouldExitWith2AndSayWhyWhenTheFileIsMissingOrMalformed() throws Exception {
            Path bad = write("{\"id\":\"x\",\"text\":\"hello\"}\n");

            assertThat(evaluate(dir.resolve("none.jsonl").toString())).isEqualTo(2);
            assertThat(evaluate(bad.toString())).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:", "line 1: needs text, expected.level and expected.cyber");
        }

        @Test
        void shouldExitWith2NamingTheFileWhenTheModelIsCorrupt() throws Exception {
            // given
            Path corpus = write("{\"id\":\"a\",\"text\":\"x\",\"expected\":{\"level\":1,\"cyber\":false}}\n");
            Path model = dir.resolve("broken-model.json");
            Files.writeString(model, "{\"format\": \"numi-triage-model/1\", \"rows\": [");

            // when
            int exit = EvaluateCommand.run(new String[] {"evaluate", corpus.toString(), "--model=" + model}, stream(out), stream(err));

            // then
            assertThat(exit).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("broken-model.json", "not a readable model file");
        }
    }

    private Path write(String content) throws Exception {
        Path file = Files.createTempFile(dir, "corpus", ".jsonl");
        Files.writeString(file, content);
        return file;
    }

    private int evaluate(String file) {
        return EvaluateCommand.run(new String[] {"evaluate", file}, stream(out), stream(err));
    }

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private JsonNode lastLine() {
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\\R");
        return JsonMapper.builder().build().readTree(lines[lines.length - 1]);
    }
}
