package fr.numi.triage.qualification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContactRecordTest {

    static final Instant NOW = Instant.parse("2026-11-26T09:15:00Z");

    @Test
    void shouldGiveTheHighestLevelOfTheSameTicketAndCountRecentContactsWhenThePersonCameBack() {
        // given
        List<ContactRecord> history = List.of(
                new ContactRecord("r1", "NUMI-AAAA-AAAA", NOW.minusSeconds(86_400), 1, CyberTier.NONE, "printing", Urgency.LOW),
                new ContactRecord("r2", "NUMI-BBBB-BBBB", NOW.minusSeconds(3_000), 3, CyberTier.EMERGENCY, "scam", Urgency.HIGH),
                new ContactRecord("r3", "NUMI-BBBB-BBBB", NOW.minusSeconds(600), 2, CyberTier.SUSPECTED, "device", Urgency.NORMAL));

        // when
        PriorContacts prior = ContactRecord.prior(history, "r4", "NUMI-BBBB-BBBB", NOW, Duration.ofMinutes(120));

        // then
        assertThat(prior.followUp()).isTrue();
        assertThat(prior.ticketLevel()).isEqualTo(3);
        assertThat(prior.ticketTier()).isEqualTo(CyberTier.EMERGENCY);
        assertThat(prior.ticketCategory()).isEqualTo("scam");
        assertThat(prior.ticketUrgency()).isEqualTo(Urgency.HIGH);
        assertThat(prior.recentContacts()).isEqualTo(2);
    }

    @Test
    void shouldKeepASuspectedTierWhenTheTicketWasNeverAnEmergency() {
        // given
        List<ContactRecord> history = List.of(
                new ContactRecord("r1", "NUMI-AAAA-AAAA", NOW.minusSeconds(600), 3, CyberTier.SUSPECTED, "scam", Urgency.HIGH),
                new ContactRecord("r2", "NUMI-AAAA-AAAA", NOW.minusSeconds(300), 2, CyberTier.NONE, "device", Urgency.NORMAL));

        // when
        PriorContacts prior = ContactRecord.prior(history, "r3", "NUMI-AAAA-AAAA", NOW, Duration.ofMinutes(120));

        // then
        assertThat(prior.ticketTier()).isEqualTo(CyberTier.SUSPECTED);
        assertThat(prior.ticketLevel()).isEqualTo(3);
        assertThat(prior.ticketCategory()).isEqualTo("scam");
    }

    @Test
    void shouldIgnoreTheSameRequestWhenItIsRedelivered() {
        // given
        List<ContactRecord> history = List.of(new ContactRecord("r1", "NUMI-AAAA-AAAA", NOW, 3, CyberTier.EMERGENCY, "scam", Urgency.HIGH));

        // when
        PriorContacts prior = ContactRecord.prior(history, "r1", "NUMI-AAAA-AAAA", NOW, Duration.ofMinutes(120));

        // then
        assertThat(prior).isEqualTo(PriorContacts.NONE);
    }
}
