package fr.numi.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ContractsTest {

    static java.util.stream.Stream<String> topics() {
        return Contracts.catalogue().stream().map(Contracts.Topic::topic);
    }

    @ParameterizedTest
    @MethodSource("topics")
    void shouldValidateEachExampleAgainstItsOwnSchema(String topic) {
        // given
        byte[] example = Contracts.example(Contracts.topic(topic).schemaName());
        // when / then
        assertThat(Contracts.bodyViolations(topic, example)).isEmpty();
    }

    @Test
    void shouldNameEveryTopicOwnerFirstAndVersioned() {
        assertThat(Contracts.catalogue()).allSatisfy(t -> {
            assertThat(t.topic()).matches("^[a-z]+\\.[a-z0-9-]+\\.v[0-9]+$");
            assertThat(t.owner()).isEqualTo(t.topic().substring(0, t.topic().indexOf('.')) + "-service");
        });
    }

    @Nested
    class Bodies {

        private static byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }

        @Test
        void shouldRejectABodyMissingARequiredField() {
            String body = new String(Contracts.example("intake.request-received.v1"), StandardCharsets.UTF_8)
                    .replace("\"ticketId\"", "\"ticketRef\"");
            assertThat(Contracts.bodyViolations("intake.request-received.v1", body.getBytes(StandardCharsets.UTF_8)))
                    .anyMatch(v -> v.contains("ticketId"));
        }

        @Test
        void shouldRejectAMalformedDateTime() {
            String body = new String(Contracts.example("intake.request-received.v1"), StandardCharsets.UTF_8)
                    .replace("2026-11-26T09:15:00Z", "yesterday");
            assertThat(Contracts.bodyViolations("intake.request-received.v1", body.getBytes(StandardCharsets.UTF_8)))
                    .isNotEmpty();
        }

        @Test
        void shouldAcceptATriageDecisionWrittenBeforeTheCyberTierExisted() {
            String body = new String(Contracts.example("triage.request-triaged.v1"), StandardCharsets.UTF_8)
                    .replace("\"cyberTier\": \"NONE\",", "")
                    .replace("\"needsReview\": false,", "")
                    .replace("\"modelVersion\": \"triage-model-2026-12\",", "");
            assertThat(body).doesNotContain("cyberTier", "needsReview", "modelVersion");
            assertThat(Contracts.bodyViolations("triage.request-triaged.v1", body.getBytes(StandardCharsets.UTF_8)))
                    .isEmpty();
        }

        @Test
        void shouldRejectASuspectedCyberDecisionThatRaisesTheAlarmOrIsNotLevel3() {
            String suspected = new String(Contracts.example("triage.request-triaged.v1"), StandardCharsets.UTF_8)
                    .replace("\"cyberTier\": \"NONE\"", "\"cyberTier\": \"SUSPECTED\"")
                    .replace("\"level\": 2", "\"level\": 3");
            assertThat(Contracts.bodyViolations("triage.request-triaged.v1", bytes(suspected))).isEmpty();
            assertThat(Contracts.bodyViolations("triage.request-triaged.v1",
                            bytes(suspected.replace("\"cyber\": false", "\"cyber\": true"))))
                    .isNotEmpty();
            assertThat(Contracts.bodyViolations("triage.request-triaged.v1",
                            bytes(suspected.replace("\"level\": 3", "\"level\": 2"))))
                    .isNotEmpty();
        }

        @Test
        void shouldRejectAnEmergencyWithoutTheCyberFlagAndANoneTierWithIt() {
            String none = new String(Contracts.example("triage.request-triaged.v1"), StandardCharsets.UTF_8);
            assertThat(Contracts.bodyViolations("triage.request-triaged.v1",
                            bytes(none.replace("\"cyberTier\": \"NONE\"", "\"cyberTier\": \"EMERGENCY\"")
                                    .replace("\"level\": 2", "\"level\": 3"))))
                    .isNotEmpty();
            assertThat(Contracts.bodyViolations("triage.request-triaged.v1",
                            bytes(none.replace("\"cyber\": false", "\"cyber\": true"))))
                    .isNotEmpty();
        }

        @Test
        void shouldAcceptACorrectionThatLeavesTheCategoryUnchangedAndRejectOneWithoutRequests() {
            String example = new String(Contracts.example("ticket.triage-corrected.v1"), StandardCharsets.UTF_8);
            String unchanged = example.replace("\"after\": {\"level\": 3, \"category\": \"scam\"",
                    "\"after\": {\"level\": 3, \"category\": null");
            assertThat(unchanged).contains("\"category\": null");
            assertThat(Contracts.bodyViolations("ticket.triage-corrected.v1", bytes(unchanged))).isEmpty();
            String noRequests = example.replaceAll("\"requestIds\": \\[[^]]*]", "\"requestIds\": []");
            assertThat(noRequests).contains("\"requestIds\": []");
            assertThat(Contracts.bodyViolations("ticket.triage-corrected.v1", bytes(noRequests))).isNotEmpty();
        }

        @Test
        void shouldRejectSomethingThatIsNotJson() {
            assertThat(Contracts.bodyViolations("intake.request-received.v1", "{oops".getBytes(StandardCharsets.UTF_8)))
                    .isNotEmpty();
        }
    }

    @Nested
    class Headers {

        Map<String, byte[]> valid() {
            Map<String, byte[]> headers = new LinkedHashMap<>();
            headers.put("ce_specversion", bytes("1.0"));
            headers.put("ce_id", bytes("web-1"));
            headers.put("ce_source", bytes("/numi/intake-service"));
            headers.put("ce_type", bytes("fr.numi.intake.request-received.v1"));
            headers.put("ce_time", bytes("2026-11-26T09:15:00Z"));
            headers.put("content-type", bytes("application/json"));
            return headers;
        }

        @Test
        void shouldAcceptPlainUtf8CloudEventsHeaders() {
            assertThat(Contracts.headerViolations("intake.request-received.v1", valid())).isEmpty();
        }

        @Test
        void shouldRejectJsonQuotedHeaderValues() {
            Map<String, byte[]> headers = valid();
            headers.put("ce_specversion", bytes("\"1.0\""));
            assertThat(Contracts.headerViolations("intake.request-received.v1", headers)).isNotEmpty();
        }

        @Test
        void shouldRejectATypeNotDeclaredForTheTopic() {
            Map<String, byte[]> headers = valid();
            headers.put("ce_type", bytes("fr.numi.triage.request-triaged.v1"));
            assertThat(Contracts.headerViolations("intake.request-received.v1", headers))
                    .anyMatch(v -> v.contains("not declared"));
        }

        @Test
        void shouldRequireTheEventId() {
            Map<String, byte[]> headers = valid();
            headers.remove("ce_id");
            assertThat(Contracts.headerViolations("intake.request-received.v1", headers)).isNotEmpty();
        }

        private static byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
    }
}
