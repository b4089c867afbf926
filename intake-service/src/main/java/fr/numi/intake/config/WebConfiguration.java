package fr.numi.intake.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.CorsRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * CORS for numi's own web pages (served by ticket-service on port 8082): they post requests, ratings,
 * the person's messages and verification codes here.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebFluxConfigurer {

    private final WebProperties web;

    WebConfiguration(WebProperties web) {
        this.web = web;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        for (String path : new String[] {"/api/v1/requests", "/api/v1/feedback", "/api/v1/tracking/*/messages",
                "/api/v1/tracking/*/verification", "/api/v1/tracking/*/verification/check"}) {
            registry.addMapping(path)
                    .allowedOrigins(web.allowedOrigins().toArray(String[]::new))
                    .allowedMethods("POST")
                    .allowedHeaders("Content-Type", "Idempotency-Key", "X-Api-Key")
                    .exposedHeaders("Location", "Retry-After")
                    .allowCredentials(false)
                    .maxAge(3600);
        }
        // The agents' console (ticket-service's pages) logs calls and opens attachments here, with its JWT.
        registry.addMapping("/api/v1/agent/**")
                .allowedOrigins(web.allowedOrigins().toArray(String[]::new))
                .allowedMethods("GET", "POST")
                .allowedHeaders("Content-Type", "Authorization")
                .allowCredentials(false)
                .maxAge(3600);
        registry.addMapping("/api/v1/attachments/**")
                .allowedOrigins(web.allowedOrigins().toArray(String[]::new))
                .allowedMethods("GET")
                .allowedHeaders("Authorization")
                .allowCredentials(false)
                .maxAge(3600);
    }
}
