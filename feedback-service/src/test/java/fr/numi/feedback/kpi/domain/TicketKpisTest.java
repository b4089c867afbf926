package fr.numi.feedback.kpi.domain;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The KPI facts one ticket's events establish, event by event. */
class TicketKpisTest {

    static final KpiRules RULES = KpiRules.standard();
    static final Instant NOW = TicketStory.T0.plus(ofHours(3));

    final TicketStory story = new TicketStory("NUMI-7K3Q-9XMD", "WHATSAPP");
    final TicketKpis kpis = TicketKpis.start("NUMI-7K3Q-9XMD");
    final List<KpiFact> facts = new ArrayList<>();

    void apply(TicketChange... changes) {
        for (TicketChange change : changes) {
            facts.addAll(kpis.apply(change, RULES, NOW).facts());
        }
    }

    <T extends KpiFact> List<T> facts(Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Nested
    class FirstResponse {

        @Test
        void shouldMeasureFromReceptionToTheFirstReplyWhenAnAgentAnswers() {
            // when
            apply(story.received(), story.qualified(ofMinutes(1)), story.claimed(ofMinutes(30)), story.replied(ofMinutes(95)),
                    story.replied(ofMinutes(200)));

            // then
            assertThat(facts(KpiFact.FirstResponded.class))
                    .containsExactly(new KpiFact.FirstResponded(ofMinutes(95), 1, "WHATSAPP"));
        }

        @Test
        void shouldTakeTheResolutionAsTheFirstResponseWhenNoReplyCameFirst() {
            // when
            apply(story.received(), story.qualified(ofMinutes(1)), story.claimed(ofMinutes(10)), story.resolved(ofMinutes(40)));

            // then
            assertThat(facts(KpiFact.FirstResponded.class)).extracting(KpiFact.FirstResponded::after).containsExactly(ofMinutes(40));
        }

        @Test
        void shouldNotCountAClaimAsAResponse() {
            // when
            apply(story.received(), story.claimed(ofMinutes(10)));

            // then
            assertThat(facts(KpiFact.FirstResponded.class)).isEmpty();
        }
    }

    @Nested
    class FirstContactResolution {

        @Test
        void shouldCountFirstContactWhenResolvedWithNoEscalation() {
            // when
            apply(story.received(), story.qualified(ofMinutes(1)), story.claimed(ofMinutes(5)), story.resolved(ofMinutes(50)));

            // then
            assertThat(facts(KpiFact.TicketResolved.class)).singleElement()
                    .satisfies(r -> assertThat(r.firstContact()).isTrue())
                    .satisfies(r -> assertThat(r.after()).isEqualTo(ofMinutes(50)));
            assertThat(kpis.firstContactResolution(RULES)).isTrue();
        }

        @Test
        void shouldNotCountFirstContactWhenTheTicketWasEscalated() {
            // when
            apply(story.received(), story.qualified(ofMinutes(1)), story.claimed(ofMinutes(5)), story.escalated(ofMinutes(20), 2),
                    story.claimed(ofMinutes(30)), story.resolved(ofMinutes(60)));

            // then
            assertThat(facts(KpiFact.TicketResolved.class)).singleElement()
                    .satisfies(r -> assertThat(r.firstContact()).isFalse())
                    .satisfies(r -> assertThat(r.level()).isEqualTo(2));
            assertThat(kpis.firstContactResolution(RULES)).isFalse();
        }

        @Test
        void shouldVoidFirstContactWhenTheTicketIsReopenedWithinSevenDays() {
            // given
            apply(story.received(), story.qualified(ofMinutes(1)), story.claimed(ofMinutes(5)), story.resolved(ofMinutes(50)),
                    story.closed(ofHours(1)));

            // when
            apply(story.reopened(ofDays(6)), story.claimed(ofDays(6).plusMinutes(5)), story.resolved(ofDays(6).plusHours(1)));

            // then
            assertThat(facts(KpiFact.FirstContactVoided.class)).containsExactly(new KpiFact.FirstContactVoided(1, "WHATSAPP"));
            assertThat(facts(KpiFact.TicketResolved.class)).hasSize(1);
            assertThat(kpis.firstContactResolution(RULES)).isFalse();
        }

        @Test
        void shouldKeepFirstContactWhenTheReopeningComesAfterSevenDays() {
            // given
            apply(story.received(), story.claimed(ofMinutes(5)), story.resolved(ofMinutes(50)));

            // when
            apply(story.reopened(ofDays(8)));

            // then
            assertThat(facts(KpiFact.FirstContactVoided.class)).isEmpty();
            assertThat(kpis.firstContactResolution(RULES)).isTrue();
        }

        @Test
        void shouldNotVoidWhatWasNeverCountedWhenAnEscalatedTicketIsReopened() {
            // when
            apply(story.received(), story.escalated(ofMinutes(5), 2), story.resolved(ofMinutes(50)), story.reopened(ofDays(1)));

            // then
            assertThat(facts(KpiFact.FirstContactVoided.class)).isEmpty();
        }
    }

    @Nested
    class Redelivery {

        @Test
        void shouldEstablishNothingTwiceWhenEveryEventIsDeliveredTwice() {
            // given
            List<TicketChange> events = List.of(story.received(), story.qualified(ofMinutes(1)), story.claimed(ofMinutes(5)),
                    story.replied(ofMinutes(20)), story.resolved(ofMinutes(50)), story.reopened(ofDays(2)));

            // when
            events.forEach(e -> apply(e, e));

            // then
            assertThat(facts(KpiFact.StatusReached.class)).hasSize(6);
            assertThat(facts(KpiFact.TicketReceived.class)).hasSize(1);
            assertThat(facts(KpiFact.FirstResponded.class)).hasSize(1);
            assertThat(facts(KpiFact.TicketResolved.class)).hasSize(1);
            assertThat(facts(KpiFact.FirstContactVoided.class)).hasSize(1);
        }

        @Test
        void shouldRememberAppliedEventsAcrossASnapshotWhenRestored() {
            // given
            TicketChange resolved = story.resolved(ofMinutes(50));
            apply(story.received(), resolved);

            // when
            TicketKpis restored = TicketKpis.restore(kpis.snapshot());

            // then
            assertThat(restored.apply(resolved, RULES, NOW).duplicate()).isTrue();
            assertThat(restored.snapshot()).isEqualTo(kpis.snapshot());
        }
    }

    @Nested
    class Ratings {

        RatingGiven rating(String feedbackId, int stars) {
            return new RatingGiven("intake.feedback-received.v1:" + feedbackId, feedbackId, "NUMI-7K3Q-9XMD", new Rating(stars),
                    TicketStory.T0.plus(ofHours(2)));
        }

        @Test
        void shouldCountTheRatingWithTheTicketsLevelChannelAndCategoryWhenTheTicketIsResolved() {
            // given
            apply(story.received(), story.qualified(ofMinutes(1)), story.resolved(ofMinutes(50)));

            // when
            List<KpiFact> rated = kpis.rate(rating("fb-1", 4)).facts();

            // then
            assertThat(rated).containsExactly(new KpiFact.RatingCounted(4, 1, "WHATSAPP", "printing"));
        }

        @Test
        void shouldParkTheRatingThenCountItWhenTheResolutionArrivesLater() {
            // given
            apply(story.received(), story.qualified(ofMinutes(1)));

            // when
            List<KpiFact> rated = kpis.rate(rating("fb-1", 2)).facts();
            apply(story.resolved(ofMinutes(50)));

            // then
            assertThat(rated).containsExactly(new KpiFact.RatingParked());
            assertThat(facts(KpiFact.RatingCounted.class)).containsExactly(new KpiFact.RatingCounted(2, 1, "WHATSAPP", "printing"));
            assertThat(facts(KpiFact.SurveyDue.class)).as("no survey once rated").isEmpty();
        }

        @Test
        void shouldParkARatingForATicketNotSeenYet() {
            // when
            List<KpiFact> rated = kpis.rate(rating("fb-1", 5)).facts();

            // then
            assertThat(rated).containsExactly(new KpiFact.RatingParked());
        }

        @Test
        void shouldIgnoreASecondRatingOfTheSameTicketAndKeepTheFirst() {
            // given
            apply(story.received(), story.resolved(ofMinutes(50)));
            kpis.rate(rating("fb-1", 5));

            // when
            TicketKpis.Outcome second = kpis.rate(rating("fb-2", 1));

            // then
            assertThat(second.facts()).containsExactly(new KpiFact.RatingIgnored("already-rated"));
            assertThat(kpis.snapshot().rating().stars()).isEqualTo(5);
        }

        @Test
        void shouldCountOnceWhenTheSameRatingIsRedelivered() {
            // given
            apply(story.received(), story.resolved(ofMinutes(50)));
            kpis.rate(rating("fb-1", 5));

            // when
            TicketKpis.Outcome again = kpis.rate(rating("fb-1", 5));

            // then
            assertThat(again.duplicate()).isTrue();
            assertThat(again.facts()).isEmpty();
        }
    }

    @Nested
    class Survey {

        @Test
        void shouldRequestOneSurveyWhenTheTicketFirstCloses() {
            // when: resolved, reopened, resolved again: « Est-ce réglé ? » is pending, no survey yet
            apply(story.received(), story.resolved(ofMinutes(50)), story.reopened(ofHours(2)), story.resolved(ofHours(3)));
            assertThat(facts(KpiFact.SurveyDue.class)).isEmpty();
            apply(story.closed(ofHours(4)));

            // then
            assertThat(facts(KpiFact.SurveyDue.class)).hasSize(1);
            assertThat(kpis.survey().surveyId()).isEqualTo("NUMI-7K3Q-9XMD:survey-requested");
            assertThat(kpis.surveyPending()).isTrue();
        }

        @Test
        void shouldNotRequestASurveyForAnOldResolutionWhenTopicsAreReplayed() {
            // when
            facts.addAll(kpis.apply(story.received(), RULES, NOW).facts());
            facts.addAll(kpis.apply(story.resolved(ofMinutes(50)), RULES, NOW.plus(ofDays(30))).facts());
            facts.addAll(kpis.apply(story.closed(ofHours(1)), RULES, NOW.plus(ofDays(30))).facts());

            // then
            assertThat(facts(KpiFact.SurveyDue.class)).isEmpty();
            assertThat(facts(KpiFact.TicketResolved.class)).hasSize(1);
        }
    }

    @Nested
    class Cyber {

        @Test
        void shouldMeasureTheLevel3PickupFromTheEarliestSignOfTheEmergency() {
            // given
            TicketStory cyber = new TicketStory("NUMI-7K3Q-9XMD", "PHONE").cyber().level(3).category("scam");
            kpis.declareCyber(new CyberUrgencyDeclared("urg-1", "NUMI-7K3Q-9XMD", TicketStory.T0.plusSeconds(1)));

            // when
            apply(cyber.received(), cyber.qualified(ofMinutes(1)), cyber.claimed(ofMinutes(12)));

            // then
            assertThat(facts(KpiFact.Level3PickedUp.class)).singleElement()
                    .satisfies(p -> assertThat(p.after()).isEqualTo(ofMinutes(12)));
        }

        @Test
        void shouldCountTheUrgencyOnceWhenBothTheDeclarationAndTheLifecycleSayCyber() {
            // given
            TicketStory cyber = new TicketStory("NUMI-7K3Q-9XMD", "PHONE").cyber().level(3);
            apply(cyber.received(), cyber.qualified(ofMinutes(1)));

            // when
            List<KpiFact> declared = kpis.declareCyber(new CyberUrgencyDeclared("urg-1", "NUMI-7K3Q-9XMD", TicketStory.T0)).facts();

            // then
            assertThat(facts(KpiFact.CyberUrgencyStarted.class)).hasSize(1);
            assertThat(declared).isEmpty();
            assertThat(kpis.snapshot().cyberSince()).as("the earlier moment wins").isEqualTo(TicketStory.T0);
        }

        @Test
        void shouldNotCountALevel1ClaimAsALevel3Pickup() {
            // given
            kpis.declareCyber(new CyberUrgencyDeclared("urg-1", "NUMI-7K3Q-9XMD", TicketStory.T0));

            // when
            apply(story.received(), story.claimed(ofMinutes(3)));

            // then
            assertThat(facts(KpiFact.Level3PickedUp.class)).isEmpty();
            assertThat(kpis.snapshot().level3ClaimedAt()).isNull();
        }
    }
}
