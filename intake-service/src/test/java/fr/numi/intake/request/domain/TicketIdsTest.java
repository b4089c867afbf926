package fr.numi.intake.request.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TicketIdsTest {

    final TicketIds ids = new TicketIds(new SecureRandom());

    @Test
    void shouldMakeReferencesReadableOverThePhone() {
        for (int i = 0; i < 1000; i++) {
            assertThat(ids.newTicketId()).matches("NUMI-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");
        }
    }

    @Test
    void shouldMakeDistinctUrlSafeTrackingTokens() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = ids.newTrackingToken();
            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            tokens.add(token);
        }
        assertThat(tokens).hasSize(1000);
    }

    @Test
    void shouldDeriveStableCustomerIdsThatDependOnTheSecret() {
        Contact contact = Contact.of(Contact.Kind.EMAIL, "a@b.fr");
        String id = Digests.customerId("secret-number-one-0000", contact);
        assertThat(Digests.customerId("secret-number-one-0000", contact)).isEqualTo(id).matches("cus_[0-9a-f]{32}");
        assertThat(Digests.customerId("secret-number-two-0000", contact)).isNotEqualTo(id);
    }
}
