package fr.numi.intake.request.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContactTest {

    @ParameterizedTest
    @CsvSource({
        "06 12 34 56 78, +33612345678",
        "06.12.34.56.78, +33612345678",
        "0033612345678, +33612345678",
        "+33 (0)6 12 34 56 78, +33612345678",
        "33612345678, +33612345678",
        "+1 650 555 1234, +16505551234",
        "+44 20 7946 0958, +442079460958",
    })
    void shouldNormalisePhoneNumbersToE164(String raw, String expected) {
        assertThat(Contact.of(Contact.Kind.PHONE, raw).value()).isEqualTo(expected);
    }

    @Test
    void shouldLowerCaseEmails() {
        assertThat(Contact.of(Contact.Kind.EMAIL, " Jeanne.Martin@Example.ORG ").value()).isEqualTo("jeanne.martin@example.org");
    }

    @Test
    void shouldRefuseAPhoneNumberThatIsTooShort() {
        assertThatThrownBy(() -> Contact.of(Contact.Kind.PHONE, "12 34"))
                .isInstanceOf(InvalidContactException.class)
                .hasMessageContaining("numéro");
    }

    @Test
    void shouldNeverShowTheFullValueInToString() {
        Contact contact = Contact.of(Contact.Kind.PHONE, "0612345678");
        assertThat(contact.toString()).doesNotContain("12345678").contains("+336");
    }
}
