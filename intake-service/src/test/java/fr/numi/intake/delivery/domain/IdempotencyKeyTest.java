package fr.numi.intake.delivery.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

    @Test
    void shouldDeriveTheSameKeyFromTheSameNotificationAndAnotherFromAnother() {
        // when
        String key = IdempotencyKey.of("NUMI-7K3Q-9XMD:notify:AGENT_REPLY:r1");

        // then
        assertThat(key).matches("ntf_[0-9a-f]{32}").isEqualTo(IdempotencyKey.of("NUMI-7K3Q-9XMD:notify:AGENT_REPLY:r1"))
                .isNotEqualTo(IdempotencyKey.of("NUMI-7K3Q-9XMD:notify:AGENT_REPLY:r2"));
        assertThat(IdempotencyKey.messageId(key)).isEqualTo("<" + key + "@numi>");
    }
}
