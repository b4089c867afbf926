package fr.numi.triage.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusFileTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadThePresentFormatAndDeriveTheTierFromTheCyberFlag() throws Exception {
        // given
        Path file = write("""
                {"id":"a","channel":"WEB","text":"Un faux conseiller m'a fait faire un virement","expected":{"level":3,"cyber":true}}
                {"id":"b","channel":"PHONE","text":"mon imprimante marche plus","expected":{"level":2,"cyber":false}}
                """);

        // when
        List<LabelledRequest> requests = CorpusFile.read(file);

        // then
        assertThat(requests).extracting(LabelledRequest::cyberTier).containsExactly("EMERGENCY", "NONE");
        assertThat(requests).extracting(LabelledRequest::category).containsOnlyNulls();
    }

    @Test
    void shouldReadTheRicherLabelsAndWriteThemBackTheSame() throws Exception {
        // given
        Path file = write("""
                {"id":"s","channel":"WHATSAPP","text":"mon fils m'écrit d'un nouveau numéro","expected":{"level":3,"cyber":true,"cyberTier":"SUSPECTED","category":"scam","urgency":"HIGH"}}
                """);

        // when
        LabelledRequest request = CorpusFile.read(file).get(0);

        // then
        assertThat(request).isEqualTo(new LabelledRequest("s", "WHATSAPP", "mon fils m'écrit d'un nouveau numéro", 3, true,
                "SUSPECTED", "scam", "HIGH"));
        Path copy = dir.resolve("copy.jsonl");
        CorpusFile.write(copy, List.of(CorpusFile.json(request)));
        assertThat(CorpusFile.read(copy)).containsExactly(request);
    }

    @Test
    void shouldNameTheLineWhenATierContradictsTheCyberFlagOrAnIdRepeats() throws Exception {
        Path contradiction = write("""
                {"id":"x","text":"t","expected":{"level":3,"cyber":false,"cyberTier":"EMERGENCY"}}
                """);
        assertThatThrownBy(() -> CorpusFile.read(contradiction)).hasMessageContaining("line 1")
                .hasMessageContaining("contradicts");

        Path twice = write("""
                {"id":"x","text":"t","expected":{"level":1,"cyber":false}}
                {"id":"x","text":"u","expected":{"level":1,"cyber":false}}
                """);
        assertThatThrownBy(() -> CorpusFile.read(twice)).hasMessageContaining("line 2").hasMessageContaining("used twice");

        Path level = write("""
                {"id":"x","text":"t","expected":{"level":4,"cyber":false}}
                """);
        assertThatThrownBy(() -> CorpusFile.read(level)).hasMessageContaining("expected.level must be 1, 2 or 3");
    }

    private Path write(String content) throws Exception {
        Path file = Files.createTempFile(dir, "corpus", ".jsonl");
        Files.writeString(file, content);
        return file;
    }
}
