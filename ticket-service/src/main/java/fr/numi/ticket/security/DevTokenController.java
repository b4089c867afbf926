package fr.numi.ticket.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import fr.numi.ticket.config.TicketProperties;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Development tokens for the local run ({@code NUMI_DEV_TOKENS=true}): signs an agent JWT with the
 * configured HS256 secret. Never enable this where real people's data lives.
 */
@RestController
@ConditionalOnProperty(name = "numi.ticket.security.dev-tokens", havingValue = "true")
class DevTokenController {

    record TokenRequest(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._@-]+") String agentId,
            @NotEmpty List<@Pattern(regexp = "AGENT_L1|AGENT_L2|AGENT_L3|SUPERVISOR") String> roles) {}

    record TokenResponse(String accessToken, String tokenType, long expiresIn) {}

    private final TicketProperties properties;
    private final Clock clock;

    DevTokenController(TicketProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @Operation(summary = "Local run only (NUMI_DEV_TOKENS=true): mint a development agent token")
    @PostMapping("/api/v1/dev/tokens")
    TokenResponse mint(@Valid @RequestBody TokenRequest request) throws JOSEException {
        Instant now = clock.instant();
        long ttl = properties.security().tokenTtlOrDefault().toSeconds();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(request.agentId())
                .claim("roles", request.roles())
                .issuer("numi-local-dev")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        // The decoder refused to start with a secret under 32 bytes (AgentTokens): MACSigner gets a valid HS256 key.
        jwt.sign(new MACSigner(properties.security().hmacSecret().getBytes(StandardCharsets.UTF_8)));
        return new TokenResponse(jwt.serialize(), "Bearer", ttl);
    }
}
