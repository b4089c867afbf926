package fr.numi.intake.phone.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSignatureTest {

    static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    static final Map<String, List<String>> PARAMS = Map.of(
            "CallSid", List.of("CA1234567890ABCDE"),
            "Caller", List.of("+14158675309"),
            "Digits", List.of("1234"),
            "From", List.of("+14158675309"),
            "To", List.of("+18005551212"));

    @Test
    void shouldMatchTheOfficialVector() {
        assertThat(TwilioSignature.sign("12345", URL, PARAMS)).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
        assertThat(TwilioSignature.valid("12345", URL, PARAMS, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isTrue();
    }

    @Test
    void shouldRefuseWhenTheUrlIsNotTheOneTwilioCalled() {
        assertThat(TwilioSignature.valid("12345", "http://10.0.0.5:8080/myapp.php?foo=1&bar=2", PARAMS, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isFalse();
    }

    @Test
    void shouldRefuseWhenAParameterWasChanged() {
        Map<String, List<String>> changed = new java.util.HashMap<>(PARAMS);
        changed.put("Digits", List.of("9"));
        assertThat(TwilioSignature.valid("12345", URL, changed, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isFalse();
    }

    @Test
    void shouldRefuseWithNoTokenConfigured() {
        assertThat(TwilioSignature.valid("", URL, PARAMS, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isFalse();
    }
}
