package fr.numi.urgency.emergency.domain;

import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.urgency.emergency.content.PlaybookFiles;
import fr.numi.urgency.emergency.domain.IncidentClassifier.Inference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

/** The incident type from the person's words and triage's category, with the shipped keywords. */
class IncidentClassifierTest {

    static final IncidentClassifier CLASSIFIER = new PlaybookFiles(JsonMapper.builder().build())
            .load(new ClassPathResource("urgency/incident-types-fr.json"), new ClassPathResource("fr/numi/contracts/urgency/instructions-fr.json"),
                    new ClassPathResource("urgency/orientation-fr.json"))
            .classifier();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Il y a des paiements non autorisés sur ma carte bancaire | CARD_FRAUD",
        "Un faux conseiller m'a fait faire un virement | TRANSFER_SCAM",
        "Mon compte WhatsApp est piraté, quelqu'un utilise mon compte | ACCOUNT_TAKEOVER",
        "Tous mes fichiers sont cryptés, on me demande une rançon en bitcoin | RANSOMWARE",
        "Un technicien Microsoft a pris le contrôle de mon PC avec AnyDesk | REMOTE_ACCESS_SCAM",
        "On me menace de publier des vidéos intimes, c'est du chantage | BLACKMAIL",
        "Quelqu'un a ouvert un crédit à mon nom, on a usurpé mon identité | IDENTITY_THEFT",
        "J'ai cliqué sur un lien dans un SMS pour un colis | PHISHING_LINK",
    })
    void shouldRecogniseTheIncidentFromThePersonsWords(String text, IncidentType expected) {
        assertThat(CLASSIFIER.fromText(text)).contains(expected);
    }

    @Test
    void shouldFindNothingInWordsThatNameNoIncident() {
        assertThat(CLASSIFIER.fromText("Au secours, aidez-moi vite !")).isEmpty();
        assertThat(CLASSIFIER.fromText(null)).isEmpty();
    }

    @Test
    void shouldPreferAnExactTriageCategoryOverTheWords() {
        assertThat(CLASSIFIER.infer(IncidentType.PHISHING_LINK, "card-fraud"))
                .isEqualTo(new Inference(IncidentType.CARD_FRAUD, IncidentTypeSource.TRIAGE_CATEGORY));
    }

    @Test
    void shouldUseTheWordsThenTheCategorysFallbackWhenTheCategoryIsVague() {
        assertThat(CLASSIFIER.infer(IncidentType.BLACKMAIL, "scam")).isEqualTo(new Inference(IncidentType.BLACKMAIL, IncidentTypeSource.TEXT));
        assertThat(CLASSIFIER.infer(null, "scam")).isEqualTo(new Inference(IncidentType.PHISHING_LINK, IncidentTypeSource.DEFAULT));
        assertThat(CLASSIFIER.infer(null, "cyber-emergency")).isEqualTo(new Inference(IncidentType.OTHER, IncidentTypeSource.DEFAULT));
        assertThat(CLASSIFIER.infer(null, null)).isEqualTo(new Inference(IncidentType.OTHER, IncidentTypeSource.DEFAULT));
    }
}
