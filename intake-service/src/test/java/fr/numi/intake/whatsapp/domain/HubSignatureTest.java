package fr.numi.intake.whatsapp.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HubSignatureTest {

    @Test
    void shouldMatchTheFirstOfficialVectorWhenSigningTestWithSecret() {
        assertThat(HubSignature.sign("secret", "test".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914");
    }

    @Test
    void shouldAcceptTheSecondOfficialVectorOnTheRawBody() {
        // given
        byte[] body = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);

        // when
        HubSignature.Check check = HubSignature.verify("test-app-secret", body,
                "sha256=c84a394cc475525991e78ff16e430b02e47f953877d2af0ade26956ce6f384dc");

        // then
        assertThat(check).isEqualTo(HubSignature.Check.VALID);
    }

    @Test
    void shouldRefuseWhenOneByteOfTheBodyDiffers() {
        byte[] body = "{\"object\":\"whatsapp_business_account\",\"entry\":[ ]}".getBytes(StandardCharsets.UTF_8);

        assertThat(HubSignature.verify("test-app-secret", body, "sha256=c84a394cc475525991e78ff16e430b02e47f953877d2af0ade26956ce6f384dc"))
                .isEqualTo(HubSignature.Check.INVALID);
    }

    @Test
    void shouldSayMissingWhenThereIsNoHeader() {
        assertThat(HubSignature.verify("test-app-secret", new byte[0], null)).isEqualTo(HubSignature.Check.MISSING);
    }

    @Test
    void shouldRefuseEverythingWhenNoSecretIsConfigured() {
        byte[] body = "test".getBytes(StandardCharsets.UTF_8);
        assertThat(HubSignature.verify("", body, "sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914")).isEqualTo(HubSignature.Check.INVALID);
    }
}
