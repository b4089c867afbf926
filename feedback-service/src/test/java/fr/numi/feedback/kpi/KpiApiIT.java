package fr.numi.feedback.kpi;

import fr.numi.contracts.testing.TestTokens;
import static fr.numi.contracts.testing.ProblemAnswers.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.feedback.support.FeedbackIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The KPI API's contract: JSON on success, numi's one problem+json shape on every error path. */
@FeedbackIntegrationTest
class KpiApiIT {

    @LocalServerPort
    int port;

    WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(10))
                .defaultHeader("Authorization", "Bearer " + TestTokens.agent("superviseur", "SUPERVISOR")).build();
    }

    @Test
    void shouldKeepTheReportForSupervisors() {
        WebTestClient anonymous = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(10)).build();

        expectProblem(anonymous.get().uri("/api/v1/kpis"), HttpStatus.UNAUTHORIZED, "unauthenticated");
        expectProblem(anonymous.get().uri("/api/v1/kpis").header("Authorization", "Bearer " + TestTokens.agent("maitre", "AGENT_L3")),
                HttpStatus.FORBIDDEN, "forbidden");
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
        "from=yesterday                                          | from    | from is an ISO-8601 instant",
        "from=2031-01-02T00:00:00Z&to=2031-01-01T00:00:00Z       | from    | from must be before to",
        "from=2020-01-01T00:00:00Z&to=2031-01-01T00:00:00Z       | from    | the window is at most 366 days",
        "level=4                                                 | level   | level is 1, 2 or 3",
        "level=two                                               | level   | level is 1, 2 or 3",
        "channel=FAX                                             | channel | channel is WEB, WHATSAPP or PHONE",
    })
    void shouldAnswerProblemJson400NamingTheParameterWhenOneIsWrong(String query, String field, String detail) {
        expectProblem(http.get().uri("/api/v1/kpis?" + query.strip()), HttpStatus.BAD_REQUEST, "invalid-request")
                .jsonPath("$.detail").value(d -> assertThat((String) d).startsWith(detail.strip()))
                .jsonPath("$.errors[0].field").isEqualTo(field.strip());
    }

    @Test
    void shouldAnswerProblemJson404WhereNothingIsPublished() {
        expectProblem(http.get().uri("/api/v1/kpi"), HttpStatus.NOT_FOUND, "not-found")
                .jsonPath("$.instance").isEqualTo("/api/v1/kpi");
    }

    @Test
    void shouldAnswerProblemJson405WhenTheKpisAreWritten() {
        expectProblem(http.post().uri("/api/v1/kpis").contentType(MediaType.APPLICATION_JSON).bodyValue("{}"), HttpStatus.METHOD_NOT_ALLOWED,
                "method-not-allowed");
    }

    @Test
    void shouldAnswerProblemJson406WhenAnotherFormatIsAsked() {
        expectProblem(http.get().uri("/api/v1/kpis").accept(MediaType.APPLICATION_XML), HttpStatus.NOT_ACCEPTABLE, "not-acceptable");
    }

    /** The answer is numi's one problem+json shape (contracts/http/problem.schema.json). */}
