package fr.numi.deploy.identity;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Spring Authorization Server as the local run's OpenID Connect provider: the authorization-code flow with PKCE for
 * the console and agent-token.sh (public clients, no secret), the demo agents of {@link DemoAgents}, access tokens
 * that carry {@code sub} (the agent id), {@code roles} and {@code aud} {@value IdentitySettings#AUDIENCE}, signed
 * RS256 with the key of {@link SigningKey}. State (sessions, codes) lives in this one process: this provider is for
 * the local run; production points the services at its own OIDC provider (docs/security.md).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class IdentityProviderConfiguration {

    private final IdentitySettings settings;

    IdentityProviderConfiguration(IdentitySettings settings) {
        this.settings = settings;
    }

    @Bean
    SecurityFilterChain identityProvider(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> server.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(requests -> requests.requestMatchers("/login", "/error", "/favicon.ico").permitAll()
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .cors(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().issuer(settings.issuer()).build();
    }

    @Bean
    RegisteredClientRepository clients() {
        TokenSettings tokens = TokenSettings.builder().accessTokenTimeToLive(settings.tokenTtl()).build();
        ClientSettings publicClient = ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build();
        RegisteredClient console = RegisteredClient.withId(UUID.nameUUIDFromBytes(IdentitySettings.CONSOLE_CLIENT.getBytes()).toString())
                .clientId(IdentitySettings.CONSOLE_CLIENT)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(settings.consoleUrls()))
                .postLogoutRedirectUris(uris -> uris.addAll(settings.consoleUrls()))
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE)
                .clientSettings(publicClient).tokenSettings(tokens)
                .build();
        RegisteredClient cli = RegisteredClient.withId(UUID.nameUUIDFromBytes(IdentitySettings.CLI_CLIENT.getBytes()).toString())
                .clientId(IdentitySettings.CLI_CLIENT)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(IdentitySettings.CLI_REDIRECT)
                .scope(OidcScopes.OPENID)
                .clientSettings(publicClient).tokenSettings(tokens)
                .build();
        return new InMemoryRegisteredClientRepository(console, cli);
    }

    @Bean
    UserDetailsService demoAgents(PasswordEncoder passwords) {
        String password = passwords.encode(settings.demoPassword());
        return new InMemoryUserDetailsManager(DemoAgents.all().stream()
                .map(agent -> User.withUsername(agent.username()).password(password).roles(agent.role()).build())
                .toList());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    JWKSource<SecurityContext> signingKeys() {
        RSAKey key = SigningKey.loadOrCreate(settings.keyFile());
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    /** What numi's services read in an access token: the agent's roles, and numi as the audience. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> agentClaims() {
        return context -> {
            List<String> roles = context.getPrincipal().getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring("ROLE_".length())).sorted().toList();
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                context.getClaims().audience(List.of(IdentitySettings.AUDIENCE)).claim("roles", roles);
            } else if ("id_token".equals(context.getTokenType().getValue())) {
                context.getClaims().claim("roles", roles);
            }
        };
    }

    /** The console calls the token endpoint, the key set and the discovery document from its own origin. */
    @Bean
    CorsConfigurationSource corsConfigurationSource() {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(settings.consoleOrigins());
        cors.setAllowedMethods(List.of("GET", "POST"));
        cors.setAllowedHeaders(List.of("Content-Type", "Authorization"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        for (String path : List.of("/oauth2/token", "/oauth2/jwks", "/oauth2/revoke", "/.well-known/**", "/userinfo")) {
            source.registerCorsConfiguration(path, cors);
        }
        return source;
    }
}
