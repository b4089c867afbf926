package fr.numi.deploy.identity;

import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The local identity provider, started in the local infrastructure's process: agents sign in on its login page
 * (the console, {@code deploy/local/agent-token.sh}) and numi's services verify its tokens with its key set
 * ({@code <issuer>/oauth2/jwks}).
 */
public final class LocalIdentityProvider implements AutoCloseable {

    private final IdentitySettings settings;
    private ConfigurableApplicationContext context;

    public LocalIdentityProvider(IdentitySettings settings) {
        this.settings = settings;
    }

    public IdentitySettings settings() {
        return settings;
    }

    public void start() {
        context = new SpringApplicationBuilder(IdentityProviderConfiguration.class)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("identitySettings", settings))
                .web(WebApplicationType.SERVLET)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(Map.of(
                        "server.port", settings.port(),
                        "server.address", settings.bindHost(),
                        "spring.application.name", "numi-identity",
                        "spring.main.register-shutdown-hook", false,
                        // Its own cookie name: the console is served from the same host, and cookies ignore ports.
                        "server.servlet.session.cookie.name", "NUMI_IDP_SESSION"))
                .run();
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
            context = null;
        }
    }
}
