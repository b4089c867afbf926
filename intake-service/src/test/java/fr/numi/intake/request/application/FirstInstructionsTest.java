package fr.numi.intake.request.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

class FirstInstructionsTest {

    @Test
    void shouldReadTheLinesThatHoldWhateverHappenedFromThePlaybookUrgencySends() {
        FirstInstructions instructions = FirstInstructions.load(new ClassPathResource("fr/numi/contracts/urgency/instructions-fr.json"));

        assertThat(instructions.lines()).isNotEmpty().allSatisfy(line -> assertThat(line).endsWith("."));
        assertThat(instructions.lines()).anySatisfy(line -> assertThat(line).containsIgnoringCase("code"));
        assertThat(instructions.closingFor("NUMI-AB12-CD34")).contains("NUMI-AB12-CD34").doesNotContain("{ticketId}");
    }

    @Test
    void shouldStopStartUpNamingTheFileWhenTheGenericLinesAreMissing() {
        ByteArrayResource file = new ByteArrayResource("""
                {"version":"1","closing":"Dossier {ticketId}.","incidents":{"CARD_FRAUD":{"title":"T","lines":["Faites opposition."]}}}"""
                .getBytes(StandardCharsets.UTF_8), "copie-relue.json");

        assertThatThrownBy(() -> FirstInstructions.load(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("copie-relue.json")
                .hasMessageContaining("OTHER");
    }

    @Test
    void shouldStopStartUpNamingTheFileWhenItIsNotJson() {
        ByteArrayResource file = new ByteArrayResource("{ pas du json".getBytes(StandardCharsets.UTF_8), "abime.json");

        assertThatThrownBy(() -> FirstInstructions.load(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("abime.json");
    }
}
