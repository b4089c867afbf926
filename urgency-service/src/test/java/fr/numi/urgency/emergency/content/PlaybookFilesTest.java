package fr.numi.urgency.emergency.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.numi.urgency.emergency.domain.IncidentType;
import fr.numi.urgency.emergency.domain.InvalidPlaybookException;
import fr.numi.urgency.emergency.domain.OrientationStep;
import fr.numi.urgency.emergency.domain.Playbook;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import tools.jackson.databind.json.JsonMapper;

/** The shipped French files pass the start-up rules; a broken file is refused with every reason. */
class PlaybookFilesTest {

    final PlaybookFiles files = new PlaybookFiles(JsonMapper.builder().build());
    final Resource types = new ClassPathResource("urgency/incident-types-fr.json");
    final Resource instructions = new ClassPathResource("fr/numi/contracts/urgency/instructions-fr.json");
    final Resource orientation = new ClassPathResource("urgency/orientation-fr.json");

    Playbook shipped() {
        return files.load(types, instructions, orientation).playbook();
    }

    @ParameterizedTest
    @EnumSource(IncidentType.class)
    void shouldGiveEveryIncidentTypeInstructionsAndAnOrderedOrientation(IncidentType type) {
        // when
        Playbook playbook = shipped();

        // then
        assertThat(playbook.label(type)).isNotBlank();
        assertThat(playbook.instructions(type).lines()).hasSizeBetween(3, 8)
                .allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(Playbook.MAX_LINE).endsWith("."));
        assertThat(playbook.instructionsText(type, "NUMI-7K3Q-9XMD")).contains("NUMI-7K3Q-9XMD").doesNotContain("{ticketId}");
        assertThat(playbook.orientation(type).steps()).hasSizeBetween(2, 6)
                .extracting(OrientationStep::order).isSorted();
        assertThat(playbook.orientationText(type).lines().skip(1))
                .allSatisfy(line -> assertThat(line).matches("^[1-6]\\. .+ : .+\\.$"));
    }

    @Test
    void shouldOrientACardFraudToBlockingTheCardFirstThenTheBankThenPerceval() {
        // when
        Playbook playbook = shipped();

        // then
        assertThat(playbook.orientation(IncidentType.CARD_FRAUD).steps()).extracting(s -> s.service().id())
                .startsWith("OPPOSITION", "BANK", "PERCEVAL");
        assertThat(playbook.orientationText(IncidentType.CARD_FRAUD)).contains("0 892 705 705")
                .contains("https://www.service-public.fr/particuliers/vosdroits/R46526");
        assertThat(playbook.instructions(IncidentType.RANSOMWARE).lines()).contains("Ne payez pas la rançon.");
        assertThat(playbook.orientationText(IncidentType.BLACKMAIL)).contains("https://www.internet-signalement.gouv.fr");
    }

    @Test
    void shouldRefuseToStartWithEveryReasonWhenAFileBreaksTheRules() {
        // given: one type missing, a long line, two sentences on a line, jargon, and an unknown service
        String badInstructions = """
                {"version": "x", "closing": "Dossier {ticketId}.",
                 "incidents": {"CARD_FRAUD": {"title": "Urgence.", "lines": [
                   "Ne payez rien. Ne donnez aucun code.",
                   "%s.",
                   "Attention au phishing."]}}}
                """.formatted("a".repeat(120));
        String badOrientation = """
                {"version": "y", "intro": "Voici.", "services": {"A": {"name": "A", "url": "http://insecure.example"}},
                 "incidents": {"CARD_FRAUD": [{"service": "A", "action": "Appelez."}, {"service": "NOPE", "action": "Appelez."}]}}
                """;

        // when / then
        assertThatThrownBy(() -> files.load(types, bytes(badInstructions), bytes(badOrientation)))
                .isInstanceOf(InvalidPlaybookException.class)
                .satisfies(e -> assertThat(((InvalidPlaybookException) e).problems()).contains(
                        "orientation CARD_FRAUD step 2: unknown service 'NOPE'"));
        assertThatThrownBy(() -> files.load(types, bytes(badInstructions), orientation))
                .isInstanceOf(InvalidPlaybookException.class)
                .satisfies(e -> assertThat(((InvalidPlaybookException) e).problems()).contains(
                        "instructions CARD_FRAUD line 1: one sentence per line",
                        "instructions CARD_FRAUD line 2: longer than 100 characters",
                        "instructions CARD_FRAUD line 3: jargon 'phishing'",
                        "instructions RANSOMWARE: missing"));
    }

    @Test
    void shouldRefuseAnInsecureLinkAndAnUnreadableFile() {
        // given
        String insecure = new String(readAll(orientation), StandardCharsets.UTF_8)
                .replace("https://www.internet-signalement.gouv.fr", "http://www.internet-signalement.gouv.fr");

        // when / then
        assertThatThrownBy(() -> files.load(types, instructions, bytes(insecure)))
                .hasMessageContaining("orientation BLACKMAIL step 1: service PHAROS url is not https");
        assertThatThrownBy(() -> files.load(types, instructions, bytes("{ not json")))
                .hasMessageContaining("unreadable");
    }

    private static Resource bytes(String text) {
        return new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8), "test file");
    }

    private static byte[] readAll(Resource resource) {
        try (var in = resource.getInputStream()) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
