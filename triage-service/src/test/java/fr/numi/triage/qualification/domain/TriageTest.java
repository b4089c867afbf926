package fr.numi.triage.qualification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import fr.numi.triage.support.Rules;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TriageTest {

    static final Instant NOW = Instant.parse("2026-11-26T09:15:00.120Z");

    final Triage triage = new Triage(Rules.v1(), Clock.fixed(NOW, ZoneOffset.UTC));

    Decision decide(String text) {
        return triage.decide(new Situation(null, text, false));
    }

    @Nested
    class RedButton {

        @Test
        void shouldRouteToLevel3WhenThePersonPressedTheRedButton() {
            // given
            Situation situation = new Situation(null, "Bonjour, mon imprimante ne marche plus.", true);

            // when
            Decision decision = triage.decide(situation);

            // then
            assertThat(decision.level()).isEqualTo(3);
            assertThat(decision.cyber()).isTrue();
            assertThat(decision.urgency()).isEqualTo(Urgency.CRITICAL);
            assertThat(decision.category()).isEqualTo("cyber-emergency");
            assertThat(decision.confidence()).isEqualTo(1.0);
            assertThat(decision.reasons().get(0).signal()).isEqualTo("red-button");
        }

        @Test
        void shouldKeepTheRecognisedIncidentWhenTheRedButtonComesWithAScamStory() {
            // given
            Situation situation = new Situation(null, "Un faux conseiller m'a fait faire un virement", true);

            // when
            Decision decision = triage.decide(situation);

            // then
            assertThat(decision.category()).isEqualTo("transfer-scam");
            assertThat(decision.level()).isEqualTo(3);
            assertThat(decision.urgency()).isEqualTo(Urgency.CRITICAL);
        }

        @Test
        void shouldStillBeACyberEmergencyWhenTheRedButtonComesWithNoText() {
            // when
            Decision decision = triage.decide(new Situation(null, "", true));

            // then
            assertThat(decision.level()).isEqualTo(3);
            assertThat(decision.cyber()).isTrue();
            assertThat(decision.category()).isEqualTo("cyber-emergency");
        }
    }

    @Nested
    class CyberIncidents {

        @Test
        void shouldRouteToLevel3CyberWhenAFakeBankAdviserObtainedATransfer() {
            // when
            Decision decision = decide("Un faux conseiller de ma banque m'a appelé, j'ai fait un virement de 3000 euros.");

            // then
            assertThat(decision.category()).isEqualTo("transfer-scam");
            assertThat(decision.level()).isEqualTo(3);
            assertThat(decision.cyber()).isTrue();
            assertThat(decision.urgency()).isIn(Urgency.HIGH, Urgency.CRITICAL);
            assertThat(decision.reasons().get(0).signal()).isEqualTo("category:transfer-scam");
            assertThat(decision.reasons().get(0).detail()).contains("« virement »", "« faux conseiller »");
        }

        @Test
        void shouldRouteToCardFraudWhenAPaymentWasNotAuthorised() {
            // when
            Decision decision = decide("Il y a un paiement non autorisé sur ma carte bancaire !");

            // then
            assertThat(decision.category()).isEqualTo("card-fraud");
            assertThat(decision.urgency()).isEqualTo(Urgency.CRITICAL);
        }

        @Test
        void shouldRouteToRemoteAccessScamWhenSomeoneMadeThePersonInstallAnyDesk() {
            // when
            Decision decision = decide("Le support Microsoft m'a fait installer AnyDesk et a pris le contrôle de mon PC");

            // then
            assertThat(decision.category()).isEqualTo("remote-access-scam");
            assertThat(decision.cyber()).isTrue();
        }

        @Test
        void shouldPreferTheCyberCategoryWhenScoresAreTied() {
            // given one point for device (« ordi »), one for cyber-emergency (« virus »)
            String text = "virus sur mon ordi";

            // when
            Decision decision = decide(text);

            // then
            assertThat(decision.category()).isEqualTo("cyber-emergency");
            assertThat(decision.reasons()).extracting(Reason::signal).contains("alternative:device");
        }
    }

    @Nested
    class EverydayQuestions {

        @Test
        void shouldRouteToLevel2PrintingWhenThePrinterDoesNotPrint() {
            // when
            Decision decision = decide("Bonjour, mon imprimante n'imprime plus depuis hier, le voyant clignote en orange.");

            // then
            assertThat(decision.category()).isEqualTo("printing");
            assertThat(decision.level()).isEqualTo(2);
            assertThat(decision.urgency()).isEqualTo(Urgency.NORMAL);
            assertThat(decision.cyber()).isFalse();
            assertThat(decision.confidence()).isBetween(0.5, 0.95);
            assertThat(decision.rulesVersion()).isEqualTo(Rules.v1().version());
            assertThat(decision.decidedAt()).isEqualTo(NOW);
        }

        @Test
        void shouldRouteToLevel1InternetWhenTheWifiIsDown() {
            // when
            Decision decision = decide("Plus de WiFi depuis ce matin, la box clignote");

            // then
            assertThat(decision.category()).isEqualTo("internet-network");
            assertThat(decision.level()).isEqualTo(1);
        }

        @Test
        void shouldRaiseUrgencyOneStepWhenThePersonSaysItIsUrgent() {
            // when
            Decision decision = decide("Mon imprimante ne marche plus, c'est URGENT");

            // then
            assertThat(decision.urgency()).isEqualTo(Urgency.HIGH);
            assertThat(decision.reasons()).extracting(Reason::signal).contains("urgency:raised");
        }

        @Test
        void shouldReadTheSubjectToo() {
            // when
            Decision decision = triage.decide(new Situation("Imprimante", "Bonjour, pouvez-vous m'aider ?", false));

            // then
            assertThat(decision.category()).isEqualTo("printing");
        }

        @Test
        void shouldBeMoreConfidentWithMoreEvidence() {
            // when
            double weak = decide("problème avec le pdf").confidence();
            double strong = decide("Excel et Word plantent, le tableur ne s'ouvre plus").confidence();

            // then
            assertThat(strong).isGreaterThan(weak);
        }
    }

    @Nested
    class Wording {

        @Test
        void shouldDecideTheSameWhetherScamIsWrittenWithOrWithoutAccentsAndCapitals() {
            // when
            Decision plain = decide("je me suis fait arnaque sur internet");
            Decision shouted = decide("JE ME SUIS FAIT ARNAQUÉ SUR INTERNET !!!");

            // then
            assertThat(shouted.category()).isEqualTo(plain.category()).isEqualTo("scam");
            assertThat(shouted.level()).isEqualTo(plain.level()).isEqualTo(3);
            assertThat(shouted.confidence()).isEqualTo(plain.confidence());
        }

        @Test
        void shouldRecogniseAKeywordWithOneTypo() {
            // when
            Decision decision = decide("tous mes fichiers sont bloques par un rancongicel");

            // then
            assertThat(decision.category()).isEqualTo("ransomware");
        }

        @Test
        void shouldAnswerFallbackWithLowConfidenceWhenTheTextIsEmpty() {
            // when / then
            assertThatNoException().isThrownBy(() -> decide(""));
            Decision decision = decide("   ");
            assertThat(decision.category()).isEqualTo("other");
            assertThat(decision.level()).isEqualTo(1);
            assertThat(decision.cyber()).isFalse();
            assertThat(decision.confidence()).isLessThan(0.3);
            assertThat(decision.reasons()).extracting(Reason::signal).containsExactly("no-text");
        }

        @Test
        void shouldAnswerFallbackWithLowConfidenceWhenTheTextIsNull() {
            // when
            Decision decision = decide(null);

            // then
            assertThat(decision.category()).isEqualTo("other");
            assertThat(decision.confidence()).isLessThan(0.3);
        }

        @Test
        void shouldSayNothingWasRecognisedWhenNoKeywordMatches() {
            // when
            Decision decision = decide("Bonjour, j'aimerais un renseignement sur vos horaires.");

            // then
            assertThat(decision.category()).isEqualTo("other");
            assertThat(decision.reasons()).extracting(Reason::signal).containsExactly("no-signal");
        }
    }
}
