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
            assertThat(decision.reasons().get(0).detail()).contains("« virement »", "« faux conseill* »");
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
        void shouldPreferTheCyberCategoryWhenAHarmlessOneIsAlsoRecognised() {
            // given « virus » (cyber) and « ordi » (device)
            String text = "virus sur mon ordi";

            // when
            Decision decision = decide(text);

            // then
            assertThat(decision.category()).isEqualTo("cyber-emergency");
            assertThat(decision.level()).isEqualTo(3);
        }

        @Test
        void shouldNotRaiseACyberEmergencyOnOneWeakWordWhenThePersonAsksHowToMakeATransfer() {
            // when
            Decision decision = decide("Comment faire un virement à mon fils depuis l'application de la banque ?");

            // then
            assertThat(decision.cyber()).isFalse();
            assertThat(decision.level()).isEqualTo(1);
            assertThat(decision.reasons()).extracting(Reason::signal).contains("below-cyber-threshold:transfer-scam", "intent:how-to");
        }

        @Test
        void shouldCountHarmDoneTowardsTheCyberThreshold() {
            // when
            Decision decision = decide("jai cliqué sur le lien du sms et mis ma cb");

            // then
            assertThat(decision.cyber()).isTrue();
            assertThat(decision.reasons()).extracting(Reason::signal).contains("context:harm-done");
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
        void shouldRouteToLevel2InternetWhenTheWifiIsDown() {
            // when
            Decision decision = decide("Plus de WiFi depuis ce matin, la box clignote");

            // then
            assertThat(decision.category()).isEqualTo("internet-network");
            assertThat(decision.level()).isEqualTo(2);
            assertThat(decision.reasons()).extracting(Reason::signal).contains("intent:problem");
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
            Decision decision = decide("Bonjour, c'est Madame Durand, rappelez-moi.");

            // then
            assertThat(decision.category()).isEqualTo("other");
            assertThat(decision.reasons()).extracting(Reason::signal).containsExactly("no-signal");
        }
    }

    @Nested
    class SafetyQuestionsAndPastIncidents {

        @Test
        void shouldAnswerLevel1NotCyberWhenThePersonAsksHowToRecogniseAScam() {
            // when
            Decision decision = decide("comment reconnaitre une arnaque ?");

            // then
            assertThat(decision.cyber()).isFalse();
            assertThat(decision.level()).isEqualTo(1);
            assertThat(decision.category()).isEqualTo("online-safety-question");
            assertThat(decision.reasons()).extracting(Reason::signal).contains("context:safety-question", "not-cyber:scam");
        }

        @Test
        void shouldAnswerLevel1NotCyberWhenTheScamIsLongPastAndThePersonWantsAdvice() {
            // when
            Decision decision = decide("J'ai été arnaqué l'an dernier sur un faux site, comment éviter que ça recommence ?");

            // then
            assertThat(decision.cyber()).isFalse();
            assertThat(decision.level()).isEqualTo(1);
            assertThat(decision.reasons()).extracting(Reason::signal).contains("context:past-incident");
        }

        @Test
        void shouldStayCyberWhenAPastIncidentStartsAgainNow() {
            // when
            Decision decision = decide("On m'a piraté Facebook l'an dernier et depuis ce matin ils ont encore changé mon mot de passe");

            // then
            assertThat(decision.cyber()).isTrue();
            assertThat(decision.reasons()).extracting(Reason::signal).contains("context:ongoing");
        }

        @Test
        void shouldStayCyberWhenThePersonAsksIfItIsNormalWhileGivingTheCode() {
            // when
            Decision decision = decide("Je suis en ligne avec un conseiller qui me demande de lui lire le code reçu par SMS, c'est normal ?");

            // then
            assertThat(decision.cyber()).isTrue();
            assertThat(decision.level()).isEqualTo(3);
        }

        @Test
        void shouldNotCountAKeywordThePersonDenies() {
            // when
            Decision decision = decide("J'ai reçu un SMS pour un colis, je n'ai pas cliqué et je n'ai rien donné. C'est une arnaque ?");

            // then
            assertThat(decision.cyber()).isFalse();
            assertThat(decision.level()).isEqualTo(1);
        }
    }

    @Nested
    class Levels {

        @Test
        void shouldAnswerLevel1ForAHowToQuestionAndLevel2ForTheSameThingBroken() {
            // when
            Decision howTo = decide("Comment on scanne un document avec l'imprimante ?");
            Decision broken = decide("L'imprimante ne marche plus, erreur papier");

            // then
            assertThat(howTo.level()).isEqualTo(1);
            assertThat(howTo.urgency()).isEqualTo(Urgency.LOW);
            assertThat(broken.level()).isEqualTo(2);
            assertThat(broken.urgency()).isEqualTo(Urgency.NORMAL);
        }

        @Test
        void shouldReadSmsSpellingAndEmoji() {
            // when
            Decision decision = decide("mdp oublié pr ameli 😞 ça me dit compte bloqué");

            // then
            assertThat(decision.level()).isEqualTo(2);
            assertThat(decision.cyber()).isFalse();
        }

        @Test
        void shouldReadEnglish() {
            // when
            Decision decision = decide("Someone hacked my whatsapp and is asking my family for money");

            // then
            assertThat(decision.cyber()).isTrue();
            assertThat(decision.level()).isEqualTo(3);
        }

        @Test
        void shouldFindTheEmergencyAtTheEndOfALongRamblingMessage() {
            // given
            String text = "Bonjour, je vous écris pour plusieurs choses. Mon imprimante fait du bruit, le wifi coupe le soir, "
                    .repeat(40) + "et surtout ce matin j'ai donné mon code de carte à un faux conseiller.";

            // when
            Decision decision = decide(text);

            // then
            assertThat(decision.cyber()).isTrue();
        }
    }

    @Nested
    class BadInput {

        @Test
        void shouldAnswerALowConfidenceDecisionWithAReasonWhenTheTextIs100KB() {
            // given
            String text = "blabla ".repeat(15_000) + "mon compte a été piraté";

            // when
            Decision decision = decide(text);

            // then
            assertThat(decision.confidence()).isLessThanOrEqualTo(0.5);
            assertThat(decision.reasons()).extracting(Reason::signal).contains("input:truncated");
            assertThat(decision.cyber()).isTrue();
        }

        @Test
        void shouldStripControlCharactersAndSayItWhenTheTextHoldsSome() {
            // when
            Decision decision = decide("arn\u200Baque\u0000 \u0007sur mon compte, j'ai payé");

            // then
            assertThat(decision.category()).isEqualTo("scam");
            assertThat(decision.reasons()).extracting(Reason::signal).contains("input:control-characters");
        }

        @Test
        void shouldLowerConfidenceWhenTheTextMixesScripts() {
            // given a Cyrillic « а » in « аrnaque »
            Decision plain = decide("arnaque au faux conseiller, j'ai payé");
            Decision mixed = decide("\u0430rnaque au faux conseiller, j'ai payé");

            // then
            assertThat(mixed.reasons()).extracting(Reason::signal).contains("input:mixed-scripts");
            assertThat(mixed.confidence()).isLessThan(plain.confidence());
            assertThat(mixed.cyber()).isTrue();
        }

        @Test
        void shouldAnswerLowConfidenceWhenTheTextIsInAScriptTheRulesDoNotCover() {
            // when
            Decision decision = decide("Здравствуйте, помогите пожалуйста");

            // then
            assertThat(decision.confidence()).isLessThanOrEqualTo(0.2);
            assertThat(decision.reasons()).extracting(Reason::signal).contains("input:unsupported-script");
        }

        @Test
        void shouldNeverThrowWhateverTheText() {
            // given
            String[] texts = {"", " ", "\n\t", "😱😱😱", "????", "#", "*", "a".repeat(200_000), "\uD800", "\u0000".repeat(50)};

            // when / then
            for (String text : texts) {
                assertThatNoException().isThrownBy(() -> decide(text));
                assertThat(decide(text).confidence()).isLessThanOrEqualTo(0.5);
            }
        }
    }

    @Nested
    class FollowUpsAndRepeatedContacts {

        @Test
        void shouldKeepTheTicketsLevelWhenAFollowUpSoundsHarmless() {
            // given a ticket already level 3 cyber
            PriorContacts prior = new PriorContacts(3, true, "transfer-scam", Urgency.CRITICAL, 0);

            // when
            Decision decision = triage.decide(new Situation(null, "merci, et mon imprimante ne marche plus", false), prior);

            // then
            assertThat(decision.level()).isEqualTo(3);
            assertThat(decision.cyber()).isTrue();
            assertThat(decision.category()).isEqualTo("transfer-scam");
            assertThat(decision.urgency()).isEqualTo(Urgency.CRITICAL);
            assertThat(decision.reasons()).extracting(Reason::signal).contains("follow-up:level-kept");
        }

        @Test
        void shouldRaiseTheLevelWhenAFollowUpRevealsAnEmergency() {
            // given a ticket at level 1
            PriorContacts prior = new PriorContacts(1, false, "messaging", Urgency.LOW, 0);

            // when
            Decision decision = triage.decide(new Situation(null, "en fait j'ai cliqué sur le lien et donné ma carte bancaire", false), prior);

            // then
            assertThat(decision.level()).isEqualTo(3);
            assertThat(decision.cyber()).isTrue();
            assertThat(decision.reasons()).extracting(Reason::signal).contains("follow-up:level-raised");
        }

        @Test
        void shouldRaiseUrgencyWhenThePersonContactedUsRepeatedlyInAShortTime() {
            // given two other contacts within the window
            PriorContacts prior = new PriorContacts(0, false, null, null, 2);

            // when
            Decision alone = decide("Mon imprimante ne marche plus");
            Decision repeated = triage.decide(new Situation(null, "Mon imprimante ne marche plus", false), prior);

            // then
            assertThat(alone.urgency()).isEqualTo(Urgency.NORMAL);
            assertThat(repeated.urgency()).isEqualTo(Urgency.HIGH);
            assertThat(repeated.reasons()).extracting(Reason::signal).contains("repeat-contact");
        }
    }
}
