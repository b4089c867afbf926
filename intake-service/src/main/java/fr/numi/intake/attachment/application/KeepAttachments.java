package fr.numi.intake.attachment.application;

import fr.numi.intake.attachment.domain.Attachment;
import fr.numi.intake.attachment.domain.AttachmentJob;
import fr.numi.intake.attachment.domain.AttachmentPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Use case: keep what people send. Each attachment of a request gets a numi id (derived from the
 * request id, so a gateway's retry gives the same one) and a job, written before the request is
 * published; every instance then fetches due jobs (claimed with a lease) from the gateway with the
 * service's credentials, within the size and type limits, retrying transient failures with back-off.
 * Agents read the outcome and the content through {@code GET /api/v1/attachments/{id}}.
 */
@Service
public class KeepAttachments {

    private static final Logger log = LoggerFactory.getLogger(KeepAttachments.class);
    static final Duration LEASE = Duration.ofMinutes(2);
    static final int BATCH = 4;

    private final AttachmentStore store;
    private final Map<String, MediaSource> sources;
    private final AttachmentPolicy policy;
    private final String secret;
    private final MeterRegistry metrics;
    private final Clock clock;

    public KeepAttachments(AttachmentStore store, List<MediaSource> sources, AttachmentPolicy policy,
            fr.numi.intake.config.IntakeProperties properties, MeterRegistry metrics, Clock clock) {
        this.store = store;
        this.sources = sources.stream().collect(Collectors.toMap(MediaSource::name, Function.identity()));
        this.policy = policy;
        this.secret = properties.customerIdSecret();
        this.metrics = metrics;
        this.clock = clock;
    }

    /** {@code att_} + 128 bits of an HMAC of the request id and the attachment's place in it. */
    public String idOf(String requestId, int index) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "att_" + HexFormat.of().formatHex(mac.doFinal(("attachment:" + requestId + ":" + index).getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
        }
    }

    /** Registers a job per attachment that can be fetched; returns each attachment's id (null: nothing to fetch). */
    public Mono<List<String>> register(String requestId, String ticketId, String customerId, String channel, List<Attachment> attachments) {
        List<String> ids = new ArrayList<>();
        List<AttachmentJob> jobs = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < attachments.size(); i++) {
            Attachment a = attachments.get(i);
            String source = a.mediaId() != null && !"PHONE".equals(channel) ? "WHATSAPP" : a.url() != null ? "TWILIO" : null;
            if (source == null) {
                ids.add(null);
                continue;
            }
            String id = idOf(requestId, i);
            ids.add(id);
            jobs.add(new AttachmentJob(id, requestId, ticketId, customerId, source, "WHATSAPP".equals(source) ? a.mediaId() : a.url(),
                    a.type(), a.mimeType(), a.filename(), AttachmentJob.Status.PENDING, 0, now, null, null, null));
        }
        return jobs.isEmpty() ? Mono.just(ids) : store.register(jobs).thenReturn(ids);
    }

    /** Fetches the due jobs once; returns how many were worked on. */
    public int runDue() {
        Instant now = clock.instant();
        return store.claimDue(now, now.plus(LEASE), BATCH)
                .concatMap(this::fetch)
                .count()
                .blockOptional(LEASE)
                .orElse(0L)
                .intValue();
    }

    @Scheduled(fixedDelayString = "${numi.intake.attachments.poll-every:2s}")
    void scheduled() {
        try {
            runDue();
        } catch (RuntimeException e) {
            log.warn("attachment fetching failed cause={}", e.toString());
        }
    }

    private Mono<AttachmentJob> fetch(AttachmentJob job) {
        MediaSource source = sources.get(job.source());
        if (source == null || !source.configured()) {
            return settle(job.failed("aucun accès configuré au fournisseur " + job.source()));
        }
        return source.fetch(job.reference(), policy.maxBytes())
                .flatMap(media -> {
                    String mime = media.mimeType() != null ? media.mimeType() : job.declaredMimeType();
                    if (!policy.accepts(mime)) {
                        return settle(job.refused("type refusé : " + (mime == null ? "inconnu" : AttachmentPolicy.base(mime))));
                    }
                    return store.keep(job.attachmentId(), AttachmentPolicy.base(mime), media.content())
                            .then(settle(job.stored(AttachmentPolicy.base(mime), media.content().length)));
                })
                .onErrorResume(MediaSource.MediaException.class, e -> switch (e.kind()) {
                    case TOO_LARGE -> settle(job.refused("trop volumineux (plus de " + policy.maxBytes() / (1024 * 1024) + " Mo)"));
                    case GONE -> settle(job.failed(e.getMessage()));
                    case TRANSIENT -> settle(job.failedOnce(e.getMessage(), clock.instant()));
                })
                .onErrorResume(e -> !(e instanceof MediaSource.MediaException),
                        e -> settle(job.failedOnce(e.getClass().getSimpleName(), clock.instant())));
    }

    private Mono<AttachmentJob> settle(AttachmentJob job) {
        metrics.counter("numi.intake.attachments", "source", String.valueOf(job.source()), "outcome", job.status().name()).increment();
        log.info("attachment={} ticket={} status={}{}", job.attachmentId(), job.ticketId(), job.status(),
                job.reason() == null ? "" : " reason=" + job.reason());
        return store.update(job).thenReturn(job);
    }

    /** What an agent asks for: the job (its status) and, once STORED, the content. */
    public Mono<AttachmentJob> status(String attachmentId) {
        return store.find(attachmentId);
    }

    public Mono<byte[]> content(String attachmentId) {
        return store.content(attachmentId);
    }
}
