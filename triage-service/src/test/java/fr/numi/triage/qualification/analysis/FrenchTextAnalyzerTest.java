package fr.numi.triage.qualification.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.triage.qualification.domain.TextAnalyzer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrenchTextAnalyzerTest {

    final FrenchTextAnalyzer analyzer = new FrenchTextAnalyzer(Map.of("mdp", List.of("mot", "de", "passe"), "cb", List.of("carte", "bancaire")));

    List<List<String>> stems(String text) {
        return analyzer.clauses(text).stream().map(c -> c.stream().map(TextAnalyzer.Term::stem).toList()).toList();
    }

    List<String> words(String text) {
        return analyzer.clauses(text).stream().flatMap(c -> c.stream().map(TextAnalyzer.Term::word)).toList();
    }

    @Test
    void shouldFoldAccentsAndCaseAndRemoveElision() {
        assertThat(words("L'ARNAQUE qu'élise a subie")).containsExactly("arnaque", "elise", "a", "subie");
    }

    @Test
    void shouldStemPluralsAndFemininesToTheSameWord() {
        List<String> stems = stems("paiements paiement").get(0);
        assertThat(stems.get(0)).isEqualTo(stems.get(1));
        assertThat(stems("arnaquée").get(0).get(0)).isEqualTo(stems("arnaqué").get(0).get(0));
    }

    @Test
    void shouldEndAClauseAtPunctuationButNotInsideANumber() {
        assertThat(stems("je n'y comprends rien, j'ai donné mon code. 1,99 €")).hasSize(3);
        assertThat(stems("on m'a appelé… il voulait mon code ! c'est grave ?\nmerci")).hasSize(4);
        assertThat(words("payé 1,99 euros")).containsExactly("paye", "1,99", "euros");
    }

    @Test
    void shouldReplaceSmsSpellingsAndKeepALetterRunOnce() {
        assertThat(words("mdp cb urgeeeent passe")).containsExactly("mot", "de", "passe", "carte", "bancaire", "urgent", "passe");
    }

    @Test
    void shouldKeepTheFrenchWordDont() {
        assertThat(words("le colis dont je parle")).contains("dont");
    }

    @Test
    void shouldGiveNoClauseForATextWithoutLettersOrDigits() {
        assertThat(analyzer.clauses("?!… 😱")).isEmpty();
        assertThat(analyzer.clauses(null)).isEmpty();
    }
}
