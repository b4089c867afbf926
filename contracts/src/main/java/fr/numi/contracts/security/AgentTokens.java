package fr.numi.contracts.security;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import reactor.core.publisher.Mono;

/**
 * Agents' JWTs, read the same way by every service with Spring Security's own converters: {@code sub} is the agent id
 * (required, not blank: a token without one is invalid), the {@code roles} claim holds {@code AGENT_L1},
 * {@code AGENT_L2}, {@code AGENT_L3} and/or {@code SUPERVISOR}, which become the authorities {@code ROLE_<role>}.
 * Signed HS256 with the shared secret ({@code NUMI_JWT_SECRET}, 32+ bytes) or by an identity provider (JWK set).
 */
public final class AgentTokens {

    /** The agents' roles, for {@code hasAnyRole(...)}. */
    public static final String[] ROLES = {"AGENT_L1", "AGENT_L2", "AGENT_L3", "SUPERVISOR"};

    private AgentTokens() {}

    /** {@code sub} as the principal's name, {@code roles} as {@code ROLE_*} authorities. */
    public static Converter<Jwt, Mono<AbstractAuthenticationToken>> authentication() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        converter.setPrincipalClaimName(JwtClaimNames.SUB);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    /**
     * HS256 with {@code hmacSecret}, else the identity provider's {@code jwkSetUri}, else a decoder that refuses every
     * token (the service's consumers still work; its agents' API answers 401). Expiry and {@code sub} are checked.
     *
     * @param setting the property that holds the secret, named in the start-up error when it is too short
     */
    public static ReactiveJwtDecoder decoder(String setting, String hmacSecret, String jwkSetUri) {
        NimbusReactiveJwtDecoder decoder;
        if (hmacSecret != null && !hmacSecret.isBlank()) {
            byte[] bytes = hmacSecret.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 32) {
                throw new IllegalStateException(setting + " must be at least 32 bytes (NUMI_JWT_SECRET)");
            }
            decoder = NimbusReactiveJwtDecoder.withSecretKey(new SecretKeySpec(bytes, "HmacSHA256")).macAlgorithm(MacAlgorithm.HS256).build();
        } else if (jwkSetUri != null && !jwkSetUri.isBlank()) {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).build();
        } else {
            return token -> Mono.error(new BadJwtException("no key configured to verify agents' tokens"));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank())));
        return decoder;
    }

    /** The agent's level: the highest of its roles, 3 for a supervisor; 0 without an agent role. */
    public static int level(Authentication authentication) {
        Collection<String> roles = roles(authentication);
        if (roles.contains("ROLE_SUPERVISOR") || roles.contains("ROLE_AGENT_L3")) {
            return 3;
        }
        return roles.contains("ROLE_AGENT_L2") ? 2 : roles.contains("ROLE_AGENT_L1") ? 1 : 0;
    }

    public static boolean supervisor(Authentication authentication) {
        return roles(authentication).contains("ROLE_SUPERVISOR");
    }

    private static Collection<String> roles(Authentication authentication) {
        return authentication == null ? List.of()
                : authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }
}
