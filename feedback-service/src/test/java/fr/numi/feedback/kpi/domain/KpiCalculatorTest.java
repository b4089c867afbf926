package fr.numi.feedback.kpi.domain;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The KPI arithmetic of a window over several tickets. */
class KpiCalculatorTest {

    static final KpiRules RULES = KpiRules.standard();
    static final Instant FROM = TicketStory.T0.minus(ofDays(1));
    static final Instant TO = TicketStory.T0.plus(ofDays(7));
    static final OpeningHours OPEN = new OpeningHours(LocalTime.of(8, 0), LocalTime.of(20, 0), ZoneId.of("Europe/Paris"));

    final KpiCalculator calculator = new KpiCalculator(KpiTargets.published(), RULES, OPEN);
    final List<TicketKpis.Snapshot> tickets = new ArrayList<>();
    int next;

    /** A ticket through the given steps; returns its state. */
    TicketKpis ticket(String channel, int level, java.util.function.Function<TicketStory, List<TicketChange>> steps) {
        String id = String.format("NUMI-AAAA-%04d", ++next);
        TicketStory story = new TicketStory(id, channel).level(level);
        TicketKpis kpis = TicketKpis.start(id);
        steps.apply(story).forEach(e -> kpis.apply(e, RULES, TicketStory.T0));
        return kpis;
    }

    void keep(TicketKpis kpis) {
        tickets.add(kpis.snapshot());
    }

    void rated(TicketKpis kpis, int stars) {
        kpis.rate(new RatingGiven("r-" + kpis.ticketId(), "fb-" + kpis.ticketId(), kpis.ticketId(), new Rating(stars),
                TicketStory.T0.plus(ofHours(4))));
        keep(kpis);
    }

    KpiReport report(Integer level, String channel) {
        return calculator.compute(new KpiQuery(FROM, TO, level, channel), tickets, List.of());
    }

    static List<TicketChange> resolvedAfter(TicketStory s, Duration firstReply) {
        return List.of(s.received(), s.qualified(ofMinutes(1)), s.claimed(ofMinutes(2)), s.replied(firstReply), s.resolved(firstReply.plusMinutes(30)));
    }

    @Nested
    class Satisfaction {

        @Test
        void shouldBeTheShareOfRatingsFourAndFive() {
            // given
            rated(ticket("WEB", 1, s -> resolvedAfter(s, ofMinutes(10))), 5);
            rated(ticket("WEB", 1, s -> resolvedAfter(s, ofMinutes(10))), 4);
            rated(ticket("PHONE", 2, s -> resolvedAfter(s, ofMinutes(10))), 3);
            rated(ticket("PHONE", 2, s -> resolvedAfter(s, ofMinutes(10))), 5);

            // when
            KpiReport.Satisfaction all = report(null, null).satisfaction();
            KpiReport.Satisfaction level2 = report(2, null).satisfaction();

            // then
            assertThat(all.ratings()).isEqualTo(4);
            assertThat(all.rate()).isEqualTo(0.75);
            assertThat(all.byStars()).containsEntry(5, 2L).containsEntry(3, 1L).containsEntry(1, 0L);
            assertThat(level2.rate()).isEqualTo(0.5);
            assertThat(report(null, "WEB").satisfaction().rate()).isEqualTo(1.0);
        }

        @Test
        void shouldNotCountAParkedRatingUntilItsTicketIsResolved() {
            // given
            rated(ticket("WEB", 1, s -> List.of(s.received(), s.qualified(ofMinutes(1)))), 1);

            // when
            KpiReport.Satisfaction satisfaction = report(null, null).satisfaction();

            // then
            assertThat(satisfaction.ratings()).isZero();
            assertThat(satisfaction.rate()).isNull();
            assertThat(satisfaction.parked()).isEqualTo(1);
        }
    }

    @Nested
    class FirstResponse {

        @Test
        void shouldGiveTheNearestRankP90AndTheShareWithinTwoHours() {
            // given: first replies after 10, 20, ... 100 minutes, then 3 h
            for (int minutes = 10; minutes <= 100; minutes += 10) {
                int m = minutes;
                keep(ticket("WHATSAPP", 1, s -> resolvedAfter(s, ofMinutes(m))));
            }
            keep(ticket("WHATSAPP", 1, s -> resolvedAfter(s, ofHours(3))));

            // when
            KpiReport.FirstResponse response = report(null, null).firstResponse();

            // then: 11 values, rank ceil(0.9 × 11) = 10 → 100 min
            assertThat(response.distribution().count()).isEqualTo(11);
            assertThat(response.distribution().p90Seconds()).isEqualTo(6000);
            assertThat(response.distribution().p50Seconds()).isEqualTo(3600);
            assertThat(response.withinTarget()).isEqualTo(10);
            assertThat(response.withinTargetRate()).isCloseTo(10.0 / 11, within(1e-9));
            assertThat(response.buckets()).contains(new KpiReport.Bucket(7200, 10), new KpiReport.Bucket(900, 1));
        }

        @Test
        void shouldLeaveOutResponsesGivenBeforeTheWindow() {
            // given
            keep(ticket("WEB", 1, s -> resolvedAfter(s, ofMinutes(10))));

            // when
            KpiReport later = calculator.compute(new KpiQuery(TicketStory.T0.plus(ofHours(1)), TO, null, null), tickets, List.of());

            // then
            assertThat(later.firstResponse().distribution().count()).isZero();
            assertThat(later.firstResponse().withinTargetRate()).isNull();
        }
    }

    @Nested
    class FirstContactResolution {

        @Test
        void shouldLeaveOutEscalatedTicketsAndTicketsReopenedWithinSevenDays() {
            // given
            keep(ticket("WEB", 1, s -> resolvedAfter(s, ofMinutes(10))));
            keep(ticket("WEB", 1, s -> List.of(s.received(), s.claimed(ofMinutes(2)), s.escalated(ofMinutes(5), 2), s.resolved(ofHours(1)))));
            keep(ticket("WEB", 1, s -> List.of(s.received(), s.claimed(ofMinutes(2)), s.resolved(ofHours(1)), s.reopened(ofDays(3)))));
            keep(ticket("WEB", 1, s -> List.of(s.received(), s.claimed(ofMinutes(2)), s.resolved(ofHours(1)))));

            // when
            KpiReport.FirstContactResolution fcr = report(null, null).firstContactResolution();

            // then
            assertThat(fcr.resolved()).isEqualTo(4);
            assertThat(fcr.firstContact()).isEqualTo(2);
            assertThat(fcr.rate()).isEqualTo(0.5);
        }

        @Test
        void shouldMeasureResolutionTimeFromReceptionToTheFirstResolution() {
            // given
            keep(ticket("WEB", 1, s -> List.of(s.received(), s.resolved(ofHours(2)), s.reopened(ofHours(3)), s.resolved(ofHours(9)))));

            // when
            KpiReport.Distribution resolution = report(null, null).resolutionTime();

            // then
            assertThat(resolution.count()).isEqualTo(1);
            assertThat(resolution.maxSeconds()).isEqualTo(7200);
        }
    }

    @Nested
    class Volumes {

        @Test
        void shouldCountReceivedTicketsByChannelLevelAndCategory() {
            // given
            keep(ticket("WEB", 1, s -> List.of(s.received(), s.qualified(ofMinutes(1)))));
            keep(ticket("PHONE", 2, s -> List.of(s.received(), s.qualified(ofMinutes(1)))));
            keep(ticket("PHONE", 2, s -> List.of(s.received())));

            // when
            KpiReport.Volumes volumes = report(null, null).volumes();

            // then
            assertThat(volumes.received()).isEqualTo(3);
            assertThat(volumes.byChannel()).containsEntry("PHONE", 2L).containsEntry("WEB", 1L);
            assertThat(volumes.byLevel()).containsEntry("1", 1L).containsEntry("2", 1L).containsEntry("unqualified", 1L);
            assertThat(volumes.byCategory()).containsEntry("printing", 2L);
        }
    }

    @Nested
    class Cyber {

        @Test
        void shouldCountPickupsWithinFifteenMinutesAndTheOnesStillWaiting() {
            // given
            keep(ticket("PHONE", 3, s -> { s.cyber(); return List.of(s.received(), s.claimed(ofMinutes(10))); }));
            keep(ticket("PHONE", 3, s -> { s.cyber(); return List.of(s.received(), s.claimed(ofMinutes(40))); }));
            keep(ticket("PHONE", 3, s -> { s.cyber(); return List.of(s.received()); }));

            // when
            KpiReport.Cyber cyber = report(null, null).cyber();

            // then
            assertThat(cyber.urgencies()).isEqualTo(3);
            assertThat(cyber.pickedUp()).isEqualTo(2);
            assertThat(cyber.pickedUpWithinTarget()).isEqualTo(1);
            assertThat(cyber.awaitingLevel3()).isEqualTo(1);
        }
    }

    @Nested
    class Availability {

        @Test
        void shouldBeTheShareOfOpeningHoursWhenEveryLevelHadAnAgentOnDuty() {
            // given: Monday 23 Nov 2026, open 08–20 Paris = 07–19 UTC: 12 hours
            Instant day = Instant.parse("2026-11-23T00:00:00Z");
            List<PresenceHour> presence = new ArrayList<>();
            for (int h = 7; h < 19; h++) {
                Instant hour = day.plus(ofHours(h));
                presence.add(new PresenceHour(1, hour, hour));
                presence.add(new PresenceHour(2, hour, hour));
                if (h < 13) {
                    presence.add(new PresenceHour(3, hour, hour));
                }
            }
            presence.add(new PresenceHour(3, day.plus(ofHours(21)), day.plus(ofHours(21))));

            // when
            KpiReport.Availability all = calculator.compute(new KpiQuery(day, day.plus(ofDays(1)), null, null), List.of(), presence)
                    .availability();
            KpiReport.Availability level1 = calculator.compute(new KpiQuery(day, day.plus(ofDays(1)), 1, null), List.of(), presence)
                    .availability();

            // then
            assertThat(all.openHours()).isEqualTo(12);
            assertThat(all.availableHours()).isEqualTo(6);
            assertThat(all.rate()).isEqualTo(0.5);
            assertThat(all.byLevel().get("3").staffedHours()).as("the hour after closing does not count").isEqualTo(6);
            assertThat(level1.rate()).isEqualTo(1.0);
        }
    }

    @Test
    void shouldRefuseAWindowThatEndsBeforeItStarts() {
        assertThatThrownBy(() -> new KpiQuery(TO, FROM, null, null)).hasMessage("from must be before to");
        assertThatThrownBy(() -> new KpiQuery(FROM, TO, 4, null)).hasMessage("level is 1, 2 or 3");
        assertThatThrownBy(() -> new KpiQuery(FROM, TO, null, "FAX")).hasMessage("channel is WEB, WHATSAPP or PHONE");
    }
}
