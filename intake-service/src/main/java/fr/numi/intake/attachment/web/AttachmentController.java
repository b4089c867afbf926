package fr.numi.intake.attachment.web;

import fr.numi.contracts.problems.Problems;
import fr.numi.intake.attachment.application.KeepAttachments;
import fr.numi.intake.attachment.domain.AttachmentJob;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/attachments/{id}} (agents' JWT): what a person sent, as numi kept it. The id is
 * unguessable (128 bits) and only reaches agents who may see its ticket. Until it is kept the answer
 * is 409 with where it stands ({@code status}: PENDING, RETRYING, REFUSED, FAILED, and the
 * {@code reason}), so an agent is never left with a blank. Served so a browser cannot run it:
 * {@code nosniff}, a sandboxing CSP, no caching.
 */
@RestController
@RequestMapping("/api/v1/attachments")
@SecurityRequirement(name = "agent")
class AttachmentController {

    private static final Pattern ID = Pattern.compile("^att_[0-9a-f]{32}$");

    private final KeepAttachments attachments;

    AttachmentController(KeepAttachments attachments) {
        this.attachments = attachments;
    }

    @Operation(summary = "What a person sent, as numi kept it; 409 says where it stands until it is kept")
    @GetMapping("/{id}")
    Mono<ResponseEntity<?>> get(@PathVariable String id) {
        if (!ID.matcher(id).matches()) {
            return Mono.just(notFound());
        }
        return attachments.status(id)
                .flatMap(job -> job.status() != AttachmentJob.Status.STORED
                        ? Mono.just(notReady(job))
                        : attachments.content(id).<ResponseEntity<?>>map(bytes -> ResponseEntity.ok()
                                        .contentType(MediaType.parseMediaType(job.mimeType()))
                                        .contentLength(bytes.length)
                                        .cacheControl(CacheControl.noStore().cachePrivate())
                                        .header("X-Content-Type-Options", "nosniff")
                                        .header("Content-Security-Policy", "default-src 'none'; sandbox")
                                        .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + id + extension(job.mimeType()) + "\"")
                                        .body(bytes))
                                .switchIfEmpty(Mono.fromSupplier(() -> notReady(job.failed("fichier introuvable")))))
                .switchIfEmpty(Mono.fromSupplier(AttachmentController::notFound));
    }

    private static ResponseEntity<?> notReady(AttachmentJob job) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "attachment-not-kept", "Pièce jointe non disponible",
                switch (job.status()) {
                    case PENDING -> "En cours de récupération auprès du fournisseur.";
                    case RETRYING -> "La récupération a échoué, un nouvel essai est prévu.";
                    case REFUSED -> "Refusée : " + job.reason() + ".";
                    default -> "Récupération impossible : " + job.reason() + ".";
                });
        problem.setProperty("status", job.status().name());
        problem.setProperty("reason", job.reason());
        problem.setProperty("attempts", job.attempts());
        problem.setProperty("nextAttemptAt", job.nextAttemptAt());
        return ResponseEntity.status(HttpStatus.CONFLICT).cacheControl(CacheControl.noStore()).body(problem);
    }

    private static ResponseEntity<?> notFound() {
        return Problems.respond(Problems.of(HttpStatus.NOT_FOUND, "not-found", "Pièce jointe introuvable",
                "Aucune pièce jointe sous cette référence."));
    }

    private static String extension(String mime) {
        return switch (mime) {
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            case "image/webp" -> ".webp";
            case "image/gif" -> ".gif";
            case "audio/ogg", "audio/opus" -> ".ogg";
            case "audio/mpeg" -> ".mp3";
            case "audio/wav", "audio/x-wav" -> ".wav";
            case "application/pdf" -> ".pdf";
            case "video/mp4", "audio/mp4" -> ".mp4";
            default -> "";
        };
    }
}
