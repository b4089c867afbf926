package fr.numi.contracts.security;

import fr.numi.contracts.settings.MissingSettingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import reactor.core.publisher.Mono;

/**
 * Agents' access tokens, read the same way by every service with Spring Security's own converters: {@code sub} is the
 * agent id (required, not blank), the {@code roles} claim holds {@code AGENT_L1}, {@code AGENT_L2}, {@code AGENT_L3},
 * {@code SUPERVISOR} and/or {@code DPO}, which become the authorities {@code ROLE_<role>}.
 *
 * <p>The tokens come from the OpenID Connect provider agents sign in with ({@code numi.security.jwt.issuer-uri},
 * NUMI_JWT_ISSUER_URI): signed by one of its keys (the JWK set its discovery document names, fetched at the first
 * token, so a service starts before its provider), issued by it ({@code iss}), for numi ({@code aud} holds
 * {@code numi.security.jwt.audience}), not expired. Tests sign HS256 tokens with {@code numi.security.jwt.hmac-secret}
 * instead, checked the same way.
 */
public final class AgentTokens {

    /** The agents' roles, for {@code hasAnyRole(...)} on the agents' endpoints. */
    public static final String[] ROLES = {"AGENT_L1", "AGENT_L2", "AGENT_L3", "SUPERVISOR"};

    /** Where the issuer comes from: {@code numi.security.jwt.issuer-uri} in numi-defaults.yml reads it. */
    public static final String ISSUER_VARIABLE = "NUMI_JWT_ISSUER_URI";

    /** The data protection officer: personal-data requests (export, erasure), nothing of the desk. */
    public static final String DPO = "DPO";

    /** Where a service reads its settings: {@code numi.security.jwt.*} of numi-defaults.yml. */
    public record Settings(String issuerUri, String audience, String hmacSecret) {}

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

    /** The decoder of the service's {@code numi.security.jwt.*} settings (numi-defaults.yml). */
    public static ReactiveJwtDecoder decoder(org.springframework.core.env.Environment environment) {
        return decoder(new Settings(environment.getProperty("numi.security.jwt.issuer-uri"),
                environment.getProperty("numi.security.jwt.audience", "numi"), environment.getProperty("numi.security.jwt.hmac-secret")));
    }

    /**
     * The decoder of {@code settings}: HS256 with the test secret when one is set, else the provider's keys; without
     * either, start-up stops with {@link MissingSettingException} naming {@code NUMI_JWT_ISSUER_URI}.
     * Expiry, {@code sub}, {@code aud} and (with an issuer) {@code iss} are checked.
     */
    public static ReactiveJwtDecoder decoder(Settings settings) {
        String issuer = blankToNull(settings.issuerUri());
        String secret = blankToNull(settings.hmacSecret());
        NimbusReactiveJwtDecoder decoder;
        if (secret != null) {
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 32) {
                throw new IllegalStateException("numi.security.jwt.hmac-secret must be at least 32 bytes (tests only)");
            }
            decoder = NimbusReactiveJwtDecoder.withSecretKey(new SecretKeySpec(bytes, "HmacSHA256")).macAlgorithm(MacAlgorithm.HS256).build();
        } else if (issuer != null) {
            decoder = NimbusReactiveJwtDecoder.withIssuerLocation(issuer).build();
        } else {
            throw new MissingSettingException(ISSUER_VARIABLE, "the agents' OpenID Connect issuer, whose access tokens this service "
                    + "accepts (e.g. https://login.example.org/realms/numi; the local run's is http://127.0.0.1:9000; docs/security.md)");
        }
        String audience = blankToNull(settings.audience());
        if (audience == null) {
            throw new IllegalStateException("numi.security.jwt.audience must name numi's audience (NUMI_JWT_AUDIENCE)");
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(JwtValidators.createDefault());
        validators.add(new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()));
        validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)));
        if (issuer != null) {
            validators.add(new JwtIssuerValidator(issuer));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
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

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
