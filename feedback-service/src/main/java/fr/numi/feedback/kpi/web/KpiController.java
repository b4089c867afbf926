package fr.numi.feedback.kpi.web;

import fr.numi.feedback.kpi.application.KpiQueries;
import fr.numi.feedback.kpi.domain.InvalidKpiQueryException;
import fr.numi.feedback.kpi.domain.KpiQuery;
import fr.numi.feedback.kpi.domain.KpiReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/kpis?from=&to=&level=&channel=}: the KPIs of a window (default: the last 7
 * days), optionally for one level and one channel. {@code from}/{@code to} are ISO-8601 instants.
 */
@RestController
class KpiController {

    static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

    private final KpiQueries kpis;
    private final Clock clock;

    KpiController(KpiQueries kpis, Clock clock) {
        this.kpis = kpis;
        this.clock = clock;
    }

    @GetMapping(path = "/api/v1/kpis", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<KpiReport> kpis(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) String channel) {
        Instant end = to == null ? clock.instant() : instant("to", to);
        Instant start = from == null ? end.minus(DEFAULT_WINDOW) : instant("from", from);
        return kpis.report(new KpiQuery(start, end, level(level), channel));
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidKpiQueryException(name, name + " is an ISO-8601 instant such as 2026-11-26T00:00:00Z");
        }
    }

    private static Integer level(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new InvalidKpiQueryException("level", "level is 1, 2 or 3");
        }
    }
}
