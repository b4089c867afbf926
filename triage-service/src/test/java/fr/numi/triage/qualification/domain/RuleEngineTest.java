package fr.numi.triage.qualification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.triage.support.Rules;
import org.junit.jupiter.api.Test;

/** The explainable rules on their own: what the guard rail and the model's rule features rest on. */
class RuleEngineTest {

    final RuleEngine rules = new RuleEngine(Rules.v1());

    @Test
    void shouldNotLetANegationReachAcrossACommaOrAFullStop() {
        RuleEngine.Verdict comma = rules.read("Je n'y comprends rien, j'ai donné mon numéro de carte bancaire");
        RuleEngine.Verdict stop = rules.read("Je ne sais pas. J'ai donné mon numéro de carte bancaire");

        assertThat(comma.harmInProgress()).isTrue();
        assertThat(stop.harmInProgress()).isTrue();
        assertThat(comma.negated()).isEmpty();
    }

    @Test
    void shouldNotLetANegationReachAcrossANewSubjectWhenThereIsNoPunctuation() {
        RuleEngine.Verdict transcript = rules.read("je n y comprends rien j ai donné mon numéro de carte bancaire");

        assertThat(transcript.harmInProgress()).isTrue();
        assertThat(transcript.level()).isEqualTo(3);
    }

    @Test
    void shouldStillCancelAKeywordThePersonDeniesInTheSameClause() {
        RuleEngine.Verdict denied = rules.read("je n'ai pas donné ma carte bancaire, je n'ai pas cliqué");

        assertThat(denied.harmInProgress()).isFalse();
        assertThat(denied.negated()).isNotEmpty();
    }

    @Test
    void shouldReadHarmThatJustHappenedEvenWhenThePersonAsksHow() {
        RuleEngine.Verdict verdict = rules.read("Comment faire pour bloquer ma carte ? on vient de me la voler avec mon code");

        assertThat(verdict.cyber()).isTrue();
        assertThat(verdict.harmInProgress()).isTrue();
        assertThat(verdict.category().id()).isEqualTo("card-fraud");
    }

    @Test
    void shouldGiveItsVerdictAsSortedFeaturesForTheModel() {
        RuleEngine.Verdict verdict = rules.read("Un faux conseiller m'a fait faire un virement");

        assertThat(verdict.features()).isSorted().contains("r:cyber-candidate", "r:keywords:transfer-scam", "r:level:3");
    }

    @Test
    void shouldNotTakeOneStrongWordAloneAsHarm() {
        RuleEngine.Verdict verdict = rules.read("mon antivirus a trouvé un virus et l'a supprimé, tout va bien");

        assertThat(verdict.harmInProgress()).isFalse();
    }

    @Test
    void shouldNotTakeAPlainTimeWordForHarmGoingOn() {
        RuleEngine.Verdict lastWeek = rules.read("Someone claiming to be from my bank called last week. I hung up and gave nothing.");
        RuleEngine.Verdict now = rules.read("un faux conseiller est au téléphone avec moi en ce moment");

        assertThat(lastWeek.harmInProgress()).isFalse();
        assertThat(now.harmInProgress()).isTrue();
    }

    @Test
    void shouldReadAPasswordTypedAfterAQrCodeAsHarmDone() {
        RuleEngine.Verdict verdict = rules.read("j'ai scanné un QR code reçu par mail et j'ai saisi mon mot de passe");

        assertThat(verdict.cyber()).isTrue();
        assertThat(verdict.harmInProgress()).isTrue();
    }
}
