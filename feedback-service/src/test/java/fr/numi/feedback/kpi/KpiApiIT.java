package fr.numi.feedback.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.feedback.support.FeedbackIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The KPI API's contract: JSON on success, problem+json on a bad parameter. */
@FeedbackIntegrationTest
class KpiApiIT {

    @LocalServerPort
    int port;

    WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void shouldAnswerTheLastSevenDaysWithTheTargetsWhenNoWindowIsGiven() {
        http.get().uri("/api/v1/kpis").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.targets.satisfaction").isEqualTo(0.95)
                .jsonPath("$.targets.firstContactResolution").isEqualTo(0.87)
                .jsonPath("$.targets.availability").isEqualTo(1.0)
                .jsonPath("$.availability.byLevel.3").exists()
                .jsonPath("$.satisfaction.ratings").isNumber();
    }

    @Test
    void shouldAnswerOnlyTheAskedLevelsAvailability() {
        http.get().uri("/api/v1/kpis?from=2031-01-01T00:00:00Z&to=2031-01-08T00:00:00Z&level=2&channel=PHONE").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.level").isEqualTo(2)
                .jsonPath("$.channel").isEqualTo("PHONE")
                .jsonPath("$.availability.openHours").isEqualTo(84)
                .jsonPath("$.availability.byLevel.2").exists()
                .jsonPath("$.availability.byLevel.1").doesNotExist();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "from=yesterday                                          | from is an ISO-8601 instant",
        "from=2031-01-02T00:00:00Z&to=2031-01-01T00:00:00Z       | from must be before to",
        "from=2020-01-01T00:00:00Z&to=2031-01-01T00:00:00Z       | the window is at most 366 days",
        "level=4                                                 | level is 1, 2 or 3",
        "level=two                                               | level is 1, 2 or 3",
        "channel=FAX                                             | channel is WEB, WHATSAPP or PHONE",
    })
    void shouldAnswerProblemJson400WhenAParameterIsWrong(String query, String detail) {
        http.get().uri("/api/v1/kpis?" + query.strip()).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.type").isEqualTo("https://numi.fr/problems/invalid-request")
                .jsonPath("$.detail").value(d -> assertThat((String) d).startsWith(detail.strip()));
    }
}
