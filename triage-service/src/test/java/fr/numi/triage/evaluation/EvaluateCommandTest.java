package fr.numi.triage.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The evaluation command on the project corpus, as {@code java -jar … evaluate FILE} runs it (no
 * Spring context), and the targets of issue 4.
 */
class EvaluateCommandTest {

    static final Path CORPUS = Path.of("src/test/resources/corpus/requests.jsonl");
    static final Path HOLDOUT = Path.of("src/test/resources/corpus/holdout.jsonl");

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shouldMeetTheTargetsOnTheProjectCorpus() {
        // when
        int exit = evaluate(CORPUS.toString());

        // then
        assertThat(exit).isZero();
        JsonNode result = lastLine();
        assertThat(result.get("cases").asInt()).isGreaterThanOrEqualTo(300);
        assertThat(result.get("cyberRecall").asDouble()).isEqualTo(1.0);
        assertThat(result.get("levelAccuracy").asDouble()).isGreaterThanOrEqualTo(0.92);
        assertThat(result.get("falseCyberRate").asDouble()).isLessThanOrEqualTo(0.03);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("level (rows: expected, columns: decided)", "cyber (rows");
    }

    @Test
    void shouldMeetTheTargetsOnTheHeldOutRequests() {
        // when
        int exit = evaluate(HOLDOUT.toString());

        // then
        assertThat(exit).isZero();
        JsonNode result = lastLine();
        assertThat(result.get("cyberRecall").asDouble()).isEqualTo(1.0);
        assertThat(result.get("levelAccuracy").asDouble()).isGreaterThanOrEqualTo(0.92);
        assertThat(result.get("falseCyberRate").asDouble()).isLessThanOrEqualTo(0.03);
    }

    @Test
    void shouldPrintTheLastLineAsExactlyTheFourMeasures(@TempDir Path dir) throws Exception {
        // given two cases: a scam missed would lower recall, a printer flagged cyber would raise false alarms
        Path file = dir.resolve("two.jsonl");
        Files.writeString(file, """
                {"id":"a","channel":"WEB","text":"Un faux conseiller m'a fait faire un virement","expected":{"level":3,"cyber":true}}
                {"id":"b","channel":"PHONE","text":"mon imprimante marche plus","expected":{"level":1,"cyber":false}}
                """);

        // when
        int exit = evaluate(file.toString());

        // then
        assertThat(exit).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\\R");
        assertThat(lines[lines.length - 1])
                .isEqualTo("{\"cases\":2,\"levelAccuracy\":0.5000,\"cyberRecall\":1.0000,\"falseCyberRate\":0.0000}");
    }

    @Test
    void shouldExitWith2AndSayWhyWhenTheFileIsMissingOrMalformed(@TempDir Path dir) throws Exception {
        // given
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"id\":\"x\",\"text\":\"hello\"}\n");

        // when / then
        assertThat(evaluate(dir.resolve("none.jsonl").toString())).isEqualTo(2);
        assertThat(evaluate(bad.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:", "line 1: needs text, expected.level and expected.cyber");
    }

    private int evaluate(String file) {
        return EvaluateCommand.run(new String[] {"evaluate", file},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private JsonNode lastLine() {
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\\R");
        return JsonMapper.builder().build().readTree(lines[lines.length - 1]);
    }
}
