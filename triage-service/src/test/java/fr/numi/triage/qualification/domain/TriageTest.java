package fr.numi.triage.qualification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.numi.triage.qualification.analysis.FrenchTextAnalyzer;
import fr.numi.triage.support.Rules;
import fr.numi.triage.support.TestModels;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decisions of triage: the weak spots of issue 12 and everyday requests with the shipped rules and model, and how
 * probabilities become tiers, levels and reviews with small hand-written models (so those rules are tested whatever
 * the trained weights are).
 */
class TriageTest {

    static final Instant NOW = Instant.parse("2026-11-26T09:15:00.120Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    final Triage triage = Rules.triage(CLOCK);

    Decision decide(String text) {
        return triage.decide(new Situation(null, text, false));
    }

    static List<String> signals(Decision d) {
        return d.reasons().stream().map(Reason::signal).toList();
    }

    /** Issue 12: each weak spot the rules had, as a request the shipped triage must get right. */
    @Nested
    class WeakSpotsOfIssue12 {

        @Test
        void shouldStayLevel3WhenANegationComesBeforeACommaAndTheHarmAfterIt() {
            Decision decision = decide("Je n'y comprends rien, j'ai donné mon numéro de carte…");

            assertThat(decision.level()).isEqualTo(3);
            assertThat(decision.cyberTier()).isNotEqualTo(CyberTier.NONE);
        }

        @Test
        void shouldStayLevel3WhenTheSameWordsComeWithoutAnyPunctuationLikeAPhoneTranscript() {
            Decision decision = decide("je n'y comprends rien j'ai donné mon numéro de carte à un monsieur au téléphone");

            assertThat(decision.level()).isEqualTo(3);
            assertThat(decision.cyberTier()).isNotEqualTo(CyberTier.NONE);
        }

        @Test
        void shouldReadTheFrenchWordDontAsItselfAndNotAsTheEnglishDont() {
            // given « dont » (of which): the SMS table used to turn it into « don t », a negation
            List<String> words = TextNormaliser.words("mon fils dont on a pris la carte", Rules.v1().spellings());

            // when
            Decision decision = decide("Mon fils, dont le téléphone est cassé, dit qu'on lui a pris 800 euros sur sa carte cette nuit");

            // then
            assertThat(words).contains("dont").doesNotContain("don");
            assertThat(Rules.v1().spellings()).doesNotContainKey("dont");
            assertThat(decision.level()).isEqualTo(3);
            assertThat(decision.cyberTier()).isNotEqualTo(CyberTier.NONE);
        }

        @Test
        void shouldBeALevel3CyberCaseWhenThePersonAsksHowDuringALiveEmergency() {
            Decision decision = decide("Comment faire pour bloquer ma carte ? on vient de me la voler avec mon code");

            assertThat(decision.level()).isEqualTo(3);
            assertThat(decision.cyberTier()).isNotEqualTo(CyberTier.NONE);
            assertThat(decision.category()).isEqualTo("card-fraud");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "Coucou maman, c'est moi, j'ai un nouveau numéro. Tu peux régler une facture pour moi ? Je te rembourse demain",
            "Ma grand-mère a reçu un texto de son petit-fils qui a changé de numéro, il lui demande 900 euros pour payer son loyer",
            "Un courriel dit qu'on m'a filmé par la webcam et réclame 600 € en bitcoin sous 48 heures",
            "Mon père envoie de l'argent depuis des mois à une femme rencontrée sur Facebook qu'il n'a jamais vue",
            "Une page de la police bloque l'écran de mon ordinateur et exige une amende",
            "Un bénéficiaire que je ne connais pas a été ajouté sur mon compte bancaire",
            "Ma messagerie envoie toute seule des messages à tous mes contacts",
            "J'ai reçu une alerte de connexion depuis l'étranger, puis mon mot de passe a été changé",
        })
        void shouldFlagAScamThatUsesNoKeywordOfTheRules(String text) {
            Decision decision = decide(text);

            assertThat(decision.level()).as(text).isEqualTo(3);
            assertThat(decision.cyberTier()).as(text).isNotEqualTo(CyberTier.NONE);
        }

        @Test
        void shouldReadPlainEnglish() {
            Decision decision = decide("Someone logged into my bank account and transferred money out");

            assertThat(decision.level()).isEqualTo(3);
            assertThat(decision.cyberTier()).isNotEqualTo(CyberTier.NONE);
        }

        @Test
        void shouldNotRaiseAnAlarmOnOneStrongWordWhenAllIsWell() {
            Decision decision = decide("mon antivirus a trouvé un virus et l'a supprimé, tout va bien");

            assertThat(decision.cyberTier()).isEqualTo(CyberTier.NONE);
            assertThat(decision.cyber()).isFalse();
            assertThat(decision.level()).isEqualTo(1);
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "Mon imprimante ne marche plus, comment faire ? merci",
            "merci ! mon téléphone ne s'allume plus, comment faire ?",
            "merci, et mon imprimante ne marche plus",
        })
        void shouldKeepABrokenDeviceOnLevel2WhateverThePoliteness(String text) {
            Decision decision = decide(text);

            assertThat(decision.level()).as(text).isEqualTo(2);
            assertThat(decision.cyberTier()).as(text).isEqualTo(CyberTier.NONE);
        }
    }

    /**
     * Kinds of requests the first model got wrong on the blind test set of issue 12 (since retired), each written
     * anew here: not lines of the corpus.
     */
    @Nested
    class KindsTheRetiredBlindSetMissed {

        @ParameterizedTest
        @ValueSource(strings = {
            "Je n'ai plus de réseau sur mon portable depuis ce matin et ma banque m'écrit qu'un nouveau téléphone a été enregistré sur mon compte",
            "My phone has had no signal since noon and my bank just emailed that a new device was registered on my account",
            "Ma banque m'a envoyé un SMS : votre nouvel appareil a été enregistré. Je n'ai rien fait et mon téléphone ne capte plus.",
        })
        void shouldFlagASimSwapEvenWhenItReadsLikeANetworkProblem(String text) {
            Decision decision = decide(text);

            assertThat(decision.level()).as(text).isEqualTo(3);
            assertThat(decision.cyberTier()).as(text).isNotEqualTo(CyberTier.NONE);
        }

        @Test
        void shouldFlagRansomwareWrittenInEnglish() {
            Decision decision = decide("All my files were encrypted overnight and a note asks for bitcoin to get them back");

            assertThat(decision.level()).isEqualTo(3);
            assertThat(decision.cyberTier()).isNotEqualTo(CyberTier.NONE);
        }

        @Test
        void shouldNotTakeATechnicianWhoLeftForARemoteAccessScam() {
            Decision decision = decide("Le technicien de la fibre est parti et depuis la télévision ne marche plus");

            assertThat(decision.cyberTier()).isEqualTo(CyberTier.NONE);
            assertThat(decision.level()).isEqualTo(2);
            assertThat(signals(decision)).doesNotContain("guard:harm-in-progress");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "le site des impôts me déconnecte sans arrêt quand je veux payer",
            "c'est pas un piratage, j'ai juste oublié le mot de passe que j'ai changé hier",
        })
        void shouldKeepAnAccountOrPaymentProblemOnLevel2(String text) {
            Decision decision = decide(text);

            assertThat(decision.level()).as(text).isEqualTo(2);
            assertThat(decision.cyberTier()).as(text).isEqualTo(CyberTier.NONE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"test", "allô ? c'est bien le service informatique ?"})
        void shouldNotSuspectACyberCaseInAShortMessageWithNothingInIt(String text) {
            Decision decision = decide(text);

            assertThat(decision.cyberTier()).as(text).isEqualTo(CyberTier.NONE);
            assertThat(decision.level()).as(text).isLessThan(3);
        }
    }

    /** Kinds of requests the second blind set (blind-test-2.jsonl, retired) got wrong, in wordings of none of the corpus files. */
    @Nested
    class KindsTheSecondBlindSetMissed {

        @ParameterizedTest
        @ValueSource(strings = {
            "J'ai flashé le QR code d'un mail « Office 365 » et j'ai saisi le mot de passe de ma boîte. Je l'ai changé juste après, tout semble normal.",
            "I scanned a QR code from an email about my mailbox and typed my password on the page. I changed it soon after and nothing looks wrong.",
            "g scanné le qr code d'une amende sur mon pare brise et mis ma carte, mtn 2 débits que je connais pas",
        })
        void shouldFlagAQrCodePhishingEvenWhenThePersonSoundsCalm(String text) {
            Decision decision = decide(text);

            assertThat(decision.level()).as(text).isEqualTo(3);
            assertThat(decision.cyberTier()).as(text).isNotEqualTo(CyberTier.NONE);
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "Est-ce prudent d'enregistrer ma carte bancaire sur un site marchand pour ne plus la taper ?",
            "How do I recognise a fake delivery text? I get a lot of them and never click.",
            "mon beau-frère s'est fait arnaquer par un faux conseiller le mois dernier, moi tout va bien, comment on les reconnaît ?",
            "les qr codes sur les parcmètres, on peut les scanner sans risque ?",
        })
        void shouldAnswerASafetyQuestionOnLevel1WithoutSuspectingACyberCase(String text) {
            Decision decision = decide(text);

            assertThat(decision.level()).as(text).isEqualTo(1);
            assertThat(decision.cyberTier()).as(text).isEqualTo(CyberTier.NONE);
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "un conseiller de ma banque est au téléphone en ce moment et me demande de valider un virement pour bloquer une fraude",
            "sms la poste colis en attente 1,99€, j'ai mis ma carte sur le lien et là je vois que c'est faux",
            "mon mot de passe Facebook a été changé et ce n'est pas moi, mes amis reçoivent des messages de ma part",
        })
        void shouldMakeAFakeAdviserAParcelSmsPaidOrATakenAccountAnEmergency(String text) {
            Decision decision = decide(text);

            assertThat(decision.level()).as(text).isEqualTo(3);
            assertThat(decision.cyberTier()).as(text).isEqualTo(CyberTier.EMERGENCY);
        }

        @Test
        void shouldTellAPasswordQuestionAForgottenCodeAndATakenAccountApart() {
            Decision howTo = decide("comment changer le mot de passe de ma boîte Gmail pour en mettre un plus simple ? je suis connectée");
            Decision forgotten = decide("j'ai oublié le code de mon profil WhatsApp et je n'arrive plus à ouvrir mes conversations");

            assertThat(howTo.level()).isEqualTo(1);
            assertThat(howTo.cyberTier()).isEqualTo(CyberTier.NONE);
            assertThat(forgotten.level()).isEqualTo(2);
            assertThat(forgotten.cyberTier()).isEqualTo(CyberTier.NONE);
            assertThat(forgotten.category()).isEqualTo("account-password");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "le logiciel de caisse plante au démarrage sur tous les postes depuis ce matin, les clients attendent",
            "Our clinic's scheduling software crashes on launch on every computer since this morning and patients are waiting.",
        })
        void shouldKeepAnUrgentBreakdownOnLevel2NotCyber(String text) {
            Decision decision = decide(text);

            assertThat(decision.level()).as(text).isEqualTo(2);
            assertThat(decision.cyberTier()).as(text).isEqualTo(CyberTier.NONE);
        }

        @Test
        void shouldTellAHowToAboutFilesFromAFlakyNetwork() {
            Decision photos = decide("comment mettre les photos de mon téléphone sur mon ordinateur ? j'ai un câble");
            Decision wifi = decide("le wifi se coupe toutes les demi-heures dans notre chambre d'hôtes, on a redémarré la box plusieurs fois");

            assertThat(photos.level()).isEqualTo(1);
            assertThat(wifi.level()).isEqualTo(2);
            assertThat(wifi.category()).isEqualTo("internet-network");
            assertThat(wifi.cyberTier()).isEqualTo(CyberTier.NONE);
        }
    }

    @Nested
    class EverydayRequests {

        @Test
        void shouldRouteAPrinterThatStoppedToLevel2PrintingWithTheWordsThatWeighed() {
            Decision decision = decide("Bonjour, mon imprimante n'imprime plus depuis hier, le voyant clignote en orange.");

            assertThat(decision.category()).isEqualTo("printing");
            assertThat(decision.level()).isEqualTo(2);
            assertThat(decision.urgency()).isEqualTo(Urgency.NORMAL);
            assertThat(decision.cyberTier()).isEqualTo(CyberTier.NONE);
            assertThat(decision.needsReview()).isFalse();
            assertThat(decision.rulesVersion()).isEqualTo(Rules.v1().version());
            assertThat(decision.modelVersion()).isEqualTo(Rules.model().version());
            assertThat(decision.decidedAt()).isEqualTo(NOW);
            assertThat(decision.reasons()).filteredOn(r -> r.signal().equals("category:printing")).singleElement()
                    .satisfies(r -> assertThat(r.detail()).contains("mots qui ont pesé", "« imprimante »"));
        }

        @Test
        void shouldAnswerLevel1ForAHowToQuestionAndLevel2ForTheSameThingBroken() {
            Decision howTo = decide("Comment on scanne un document avec l'imprimante ?");
            Decision broken = decide("L'imprimante ne marche plus, erreur papier");

            assertThat(howTo.level()).isEqualTo(1);
            assertThat(howTo.urgency()).isEqualTo(Urgency.LOW);
            assertThat(broken.level()).isEqualTo(2);
        }

        @Test
        void shouldRaiseUrgencyOneStepWhenThePersonSaysItIsUrgent() {
            Decision decision = decide("Mon imprimante ne marche plus, c'est URGENT");

            assertThat(decision.urgency()).isEqualTo(Urgency.HIGH);
            assertThat(signals(decision)).contains("urgency:raised");
        }

        @Test
        void shouldReadSmsSpellingAndEmoji() {
            Decision decision = decide("mdp oublié pr ameli 😞 ça me dit compte bloqué");

            assertThat(decision.level()).isEqualTo(2);
            assertThat(decision.cyberTier()).isEqualTo(CyberTier.NONE);
        }

        @Test
        void shouldAnswerLevel1NotCyberForASafetyQuestionAndASuspiciousMessageLeftAlone() {
            Decision question = decide("comment reconnaitre une arnaque ?");
            Decision leftAlone = decide("J'ai reçu un SMS pour un colis, je n'ai pas cliqué et je n'ai rien donné. C'est une arnaque ?");

            assertThat(question.level()).isEqualTo(1);
            assertThat(question.cyberTier()).isEqualTo(CyberTier.NONE);
            assertThat(leftAlone.level()).isEqualTo(1);
            assertThat(leftAlone.cyberTier()).isEqualTo(CyberTier.NONE);
        }

        @Test
        void shouldMakeAFakeAdviserTransferAnEmergencyAndNameTheWordsThatWeighed() {
            Decision decision = decide("Un faux conseiller de ma banque m'a appelé, j'ai fait un virement de 3000 euros.");

            assertThat(decision.cyberTier()).isEqualTo(CyberTier.EMERGENCY);
            assertThat(decision.cyber()).isTrue();
            assertThat(decision.category()).isEqualTo("transfer-scam");
            assertThat(decision.urgency()).isEqualTo(Urgency.CRITICAL);
            assertThat(decision.reasons().get(0).signal()).isEqualTo("cyber:emergency");
            assertThat(decision.reasons().get(0).detail()).contains("mots qui ont pesé").containsAnyOf("« virement »", "« conseiller »",
                    "« faux conseiller »");
        }

        @Test
        void shouldReadTheSubjectToo() {
            Decision decision = triage.decide(new Situation("Imprimante en panne", "Bonjour, pouvez-vous m'aider ?", false));

            assertThat(decision.category()).isEqualTo("printing");
        }
    }

    @Nested
    class RedButton {

        @Test
        void shouldBeAnEmergencyWhateverTheWordsWhenThePersonPressedTheRedButton() {
            Decision decision = triage.decide(new Situation(null, "Bonjour, mon imprimante ne marche plus.", true));

            assertThat(decision.level()).isEqualTo(3);
            assertThat(decision.cyberTier()).isEqualTo(CyberTier.EMERGENCY);
            assertThat(decision.urgency()).isEqualTo(Urgency.CRITICAL);
            assertThat(decision.category()).isEqualTo("cyber-emergency");
            assertThat(decision.confidence()).isEqualTo(1.0);
            assertThat(decision.needsReview()).isFalse();
            assertThat(decision.reasons().get(0).signal()).isEqualTo("red-button");
        }

        @Test
        void shouldKeepTheRecognisedIncidentWhenTheRedButtonComesWithAScamStory() {
            Decision decision = triage.decide(new Situation(null, "Un faux conseiller m'a fait faire un virement", true));

            assertThat(decision.category()).isEqualTo("transfer-scam");
            assertThat(decision.urgency()).isEqualTo(Urgency.CRITICAL);
        }

        @Test
        void shouldNeverLetTheModelLowerARedButtonEvenWhenItSeesNoCyberAtAll() {
            // given a model sure the words are a level 1 question
            Triage calm = TestModels.model().word("imprimante", 9, 0, -9, "printing", 0).triage(CLOCK);

            // when
            Decision decision = calm.decide(new Situation(null, "imprimante", true));

            // then
            assertThat(decision.cyberTier()).isEqualTo(CyberTier.EMERGENCY);
            assertThat(decision.level()).isEqualTo(3);
            assertThat(decision.urgency()).isEqualTo(Urgency.CRITICAL);
        }

        @Test
        void shouldStillBeAnEmergencyWhenTheRedButtonComesWithNoText() {
            Decision decision = triage.decide(new Situation(null, "", true));

            assertThat(decision.cyberTier()).isEqualTo(CyberTier.EMERGENCY);
            assertThat(decision.category()).isEqualTo("cyber-emergency");
        }
    }

    /**
     * How probabilities become tiers, levels and reviews (policy: suspected 0.3, emergency 0.8, guard 0.5, review 0.5,
     * the first three on the cyber score: the mean of P(level 3) and P(a cyber category)).
     */
    @Nested
    class FromProbabilitiesToDecisions {

        @Test
        void shouldDeclareAnEmergencyWhenTheModelIsSureAndItsTierHeadAgrees() {
            Triage sure = TestModels.model().word("zorglub", 0, 0, 6, "card-fraud", 3).triage(CLOCK);

            Decision decision = sure.decide(new Situation(null, "zorglub", false));

            assertThat(decision.cyberTier()).isEqualTo(CyberTier.EMERGENCY);
            assertThat(decision.cyber()).isTrue();
            assertThat(decision.level()).isEqualTo(3);
            assertThat(decision.category()).isEqualTo("card-fraud");
            assertThat(decision.urgency()).isEqualTo(Urgency.CRITICAL);
        }

        @Test
        void shouldOnlySuspectWhenTheModelIsSureItIsCyberButNotThatHarmIsDone() {
            Triage unsure = TestModels.model().word("zorglub", 0, 0, 6, "scam", -3).triage(CLOCK);

            Decision decision = unsure.decide(new Situation(null, "zorglub", false));

            assertThat(decision.cyberTier()).isEqualTo(CyberTier.SUSPECTED);
        }

        @Test
        void shouldPutASuspectedCaseOnLevel3WithoutTheAlarmWhenTheModelIsBetweenTheThresholds() {
            // given P(level 3) = e / (e + 2) ≈ 0.58 and P(scam) ≈ 0.89: a cyber score of ≈ 0.73, above « suspected »
            // (0.3), below « emergency » (0.8)
            Triage between = TestModels.model().word("zorglub", 0, 0, 1, "scam", 3).triage(CLOCK);

            Decision decision = between.decide(new Situation(null, "zorglub", false));

            assertThat(decision.cyberTier()).isEqualTo(CyberTier.SUSPECTED);
            assertThat(decision.cyber()).isFalse();
            assertThat(decision.level()).isEqualTo(3);
            assertThat(decision.urgency()).isEqualTo(Urgency.HIGH);
            assertThat(decision.category()).isEqualTo("scam");
            assertThat(signals(decision)).contains("cyber:suspected");
        }

        @Test
        void shouldNotFlagCyberBelowTheSuspectedThreshold() {
            Triage calm = TestModels.model().word("zorglub", 0, 3, 0, "device", 0).triage(CLOCK);

            Decision decision = calm.decide(new Situation(null, "zorglub", false));

            assertThat(decision.cyberTier()).isEqualTo(CyberTier.NONE);
            assertThat(decision.level()).isEqualTo(2);
            assertThat(decision.category()).isEqualTo("device");
        }

        @Test
        void shouldSuspectACyberCaseTheCategoryHeadSeesEvenWhenTheLevelHeadDoesNot() {
            // given P(level 3) = 1 / (e² + 2) ≈ 0.11 but P(scam) ≈ 0.89: a cyber score of ≈ 0.50
            Triage split = TestModels.model().word("zorglub", 0, 2, 0, "scam", 0).triage(CLOCK);

            Decision decision = split.decide(new Situation(null, "zorglub", false));

            assertThat(decision.cyberTier()).isEqualTo(CyberTier.SUSPECTED);
            assertThat(decision.level()).isEqualTo(3);
            assertThat(decision.category()).isEqualTo("scam");
        }

        @Test
        void shouldNotFlagCyberWhenOnlyTheLevelHeadLeansThatWay() {
            // given P(level 3) = e / (1 + e^0.5 + e) ≈ 0.51 but the category head sees printing (P ≈ 0.89): a cyber
            // score of ≈ 0.28, below « suspected » (0.3)
            Triage split = TestModels.model().word("zorglub", 0, 0.5, 1, "printing", 0).triage(CLOCK);

            Decision decision = split.decide(new Situation(null, "zorglub", false));

            assertThat(decision.cyberTier()).isEqualTo(CyberTier.NONE);
            assertThat(decision.level()).isEqualTo(2);
            assertThat(decision.category()).isEqualTo("printing");
        }

        @Test
        void shouldNeverLetExplicitHarmFallBelowSuspectedWhateverTheModelSays() {
            // given a model that sees nothing cyber, and words where the rules find a card given away
            Triage blind = TestModels.model().levelBias(2, 2, -4).word("zorglub", 0, 0, 0, null, 0).triage(CLOCK);

            // when
            Decision decision = blind.decide(new Situation(null, "zorglub j'ai donné mon code de carte bancaire à un inconnu", false));

            // then
            assertThat(decision.cyberTier()).isEqualTo(CyberTier.SUSPECTED);
            assertThat(decision.level()).isEqualTo(3);
            assertThat(signals(decision)).contains("guard:harm-in-progress", "rules:harm-done");
        }

        @Test
        void shouldMakeExplicitHarmAnEmergencyFromALowerProbabilityThanTheModelAlone() {
            // given a cyber score of ≈ 0.73: an emergency only because the rules read harm done (guard threshold 0.5)
            Triage middling = TestModels.model().word("zorglub", 0, 0, 1, "card-fraud", 0).triage(CLOCK);

            Decision withHarm = middling.decide(new Situation(null, "zorglub j'ai donné mon code de carte bancaire à un inconnu", false));
            Decision withoutHarm = middling.decide(new Situation(null, "zorglub", false));

            assertThat(withHarm.cyberTier()).isEqualTo(CyberTier.EMERGENCY);
            assertThat(withoutHarm.cyberTier()).isEqualTo(CyberTier.SUSPECTED);
        }

        @Test
        void shouldAskForAReviewWhenTheLevelIsUncertain() {
            // given P(L1) ≈ 0.46, P(L2) ≈ 0.38, P(L3) ≈ 0.15 and the category head on « other »: a cyber score of ≈ 0.10
            // (below « suspected »)
            Triage unsure = TestModels.model().word("zorglub", 0.6, 0.4, -0.5, "other", 0).triage(CLOCK);

            Decision decision = unsure.decide(new Situation(null, "zorglub", false));

            assertThat(decision.level()).isEqualTo(1);
            assertThat(decision.needsReview()).isTrue();
            assertThat(signals(decision)).contains("needs-review");
        }

        @Test
        void shouldSendADoubtfulRequestToLevel2RatherThanLevel1() {
            // given level 1 slightly more likely than level 2, and a policy that wants level 1 to be clearly so
            Triage doubtful = TestModels.model()
                    .policy(new DecisionPolicy(0.3, 0.8, 0.5, 0.5, 0.6, 0.3, 0.3))
                    .word("zorglub", 1.2, 1.0, -3, "device", 0)
                    .triage(CLOCK);

            Decision decision = doubtful.decide(new Situation(null, "zorglub", false));

            assertThat(decision.level()).isEqualTo(2);
            assertThat(signals(decision)).contains("level:doubt");
        }

        @Test
        void shouldRefuseAModelTrainedWithOtherRules() {
            TriageModel model = Rules.model();
            TriageModel other = new TriageModel(model.linear(), model.policy(), "0.0.1");

            assertThatThrownBy(() -> new Triage(Rules.v1(), other, new FrenchTextAnalyzer(Rules.v1().spellings()), CLOCK))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("0.0.1")
                    .hasMessageContaining("train it again");
        }
    }

    @Nested
    class FollowUpsAndRepeatedContacts {

        @Test
        void shouldKeepTheTicketsEmergencyWhenAFollowUpSoundsHarmless() {
            PriorContacts prior = new PriorContacts(3, CyberTier.EMERGENCY, "transfer-scam", Urgency.CRITICAL, 0);

            Decision decision = triage.decide(new Situation(null, "merci, et mon imprimante ne marche plus", false), prior);

            assertThat(decision.level()).isEqualTo(3);
            assertThat(decision.cyberTier()).isEqualTo(CyberTier.EMERGENCY);
            assertThat(decision.category()).isEqualTo("transfer-scam");
            assertThat(decision.urgency()).isEqualTo(Urgency.CRITICAL);
            assertThat(signals(decision)).contains("follow-up:level-kept");
        }

        @Test
        void shouldKeepASuspicionWhenAFollowUpSoundsHarmless() {
            PriorContacts prior = new PriorContacts(3, CyberTier.SUSPECTED, "scam", Urgency.HIGH, 0);

            Decision decision = triage.decide(new Situation(null, "d'accord merci, j'attends votre appel", false), prior);

            assertThat(decision.level()).isEqualTo(3);
            assertThat(decision.cyberTier()).isEqualTo(CyberTier.SUSPECTED);
            assertThat(decision.cyber()).isFalse();
            assertThat(decision.category()).isEqualTo("scam");
        }

        @Test
        void shouldRaiseTheLevelWhenAFollowUpRevealsAnEmergency() {
            PriorContacts prior = new PriorContacts(1, CyberTier.NONE, "messaging", Urgency.LOW, 0);

            Decision decision = triage.decide(
                    new Situation(null, "en fait j'ai cliqué sur le lien et donné ma carte bancaire", false), prior);

            assertThat(decision.level()).isEqualTo(3);
            assertThat(decision.cyberTier()).isNotEqualTo(CyberTier.NONE);
            assertThat(signals(decision)).contains("follow-up:level-raised");
        }

        @Test
        void shouldRaiseUrgencyWhenThePersonContactedUsRepeatedlyInAShortTime() {
            PriorContacts prior = new PriorContacts(0, CyberTier.NONE, null, null, 2);

            Decision alone = decide("Mon imprimante ne marche plus");
            Decision repeated = triage.decide(new Situation(null, "Mon imprimante ne marche plus", false), prior);

            assertThat(alone.urgency()).isEqualTo(Urgency.NORMAL);
            assertThat(repeated.urgency()).isEqualTo(Urgency.HIGH);
            assertThat(signals(repeated)).contains("repeat-contact");
        }
    }

    @Nested
    class BadInput {

        @Test
        void shouldAskForAReviewOnLevel2RatherThanLevel1WhenTheTextIsEmpty() {
            assertThatNoException().isThrownBy(() -> decide(""));
            Decision decision = decide("   ");

            assertThat(decision.category()).isEqualTo("other");
            assertThat(decision.level()).isEqualTo(2);
            assertThat(decision.cyberTier()).isEqualTo(CyberTier.NONE);
            assertThat(decision.needsReview()).isTrue();
            assertThat(decision.confidence()).isLessThan(0.3);
            assertThat(signals(decision)).contains("no-text", "needs-review");
        }

        @Test
        void shouldAnswerLowConfidenceWhenTheTextIsNull() {
            Decision decision = decide(null);

            assertThat(decision.category()).isEqualTo("other");
            assertThat(decision.needsReview()).isTrue();
            assertThat(decision.confidence()).isLessThan(0.3);
        }

        @Test
        void shouldReadHeadAndTailWithLowConfidenceWhenTheTextIsHuge() {
            String text = "blabla ".repeat(15_000) + "on m'a piraté mon compte et changé le mot de passe";

            Decision decision = decide(text);

            assertThat(decision.confidence()).isLessThanOrEqualTo(0.5);
            assertThat(decision.needsReview()).isTrue();
            assertThat(signals(decision)).contains("input:truncated");
            assertThat(decision.cyberTier()).isNotEqualTo(CyberTier.NONE);
        }

        @Test
        void shouldStripControlCharactersAndSayItWhenTheTextHoldsSome() {
            Decision decision = decide("arn\u200Baque\u0000 \u0007sur mon compte, j'ai payé");

            assertThat(signals(decision)).contains("input:control-characters", "needs-review");
        }

        @Test
        void shouldLowerConfidenceWhenTheTextMixesScripts() {
            Decision plain = decide("arnaque au faux conseiller, j'ai payé");
            Decision mixed = decide("\u0430rnaque au faux conseiller, j'ai payé");

            assertThat(signals(mixed)).contains("input:mixed-scripts");
            assertThat(mixed.confidence()).isLessThan(plain.confidence());
            assertThat(mixed.needsReview()).isTrue();
        }

        @Test
        void shouldAskForAReviewWhenTheTextIsInAScriptTriageDoesNotRead() {
            Decision decision = decide("Здравствуйте, помогите пожалуйста");

            assertThat(decision.confidence()).isLessThanOrEqualTo(0.2);
            assertThat(decision.needsReview()).isTrue();
            assertThat(decision.level()).isEqualTo(2);
            assertThat(signals(decision)).contains("input:unsupported-script");
        }

        @Test
        void shouldAskForAReviewWhenTheTextIsNotLanguage() {
            Decision decision = decide("xq7 zzkv ppqr 000111 wqxz");

            assertThat(decision.needsReview()).isTrue();
            assertThat(decision.level()).isGreaterThanOrEqualTo(2);
            assertThat(decision.confidence()).isLessThanOrEqualTo(0.5);
        }

        @Test
        void shouldNeverThrowWhateverTheTextAndAlwaysAskForAReviewOnGarbage() {
            // given control characters, lone surrogates, emoji only, and bytes read as text
            byte[] noise = new byte[3_000];
            new Random(42).nextBytes(noise);
            String[] texts = {"", " ", "\n\t", "😱😱😱", "????", "#", "*", "a".repeat(200_000), "\uD800", "\u0000".repeat(50),
                new String(noise, java.nio.charset.StandardCharsets.ISO_8859_1), new String(noise, java.nio.charset.StandardCharsets.UTF_8)};

            // when / then
            for (String text : texts) {
                assertThatNoException().isThrownBy(() -> decide(text));
                Decision decision = decide(text);
                assertThat(decision.confidence()).as(text.length() > 20 ? text.substring(0, 20) : text).isLessThanOrEqualTo(0.5);
                assertThat(decision.needsReview()).isTrue();
            }
        }
    }
}
