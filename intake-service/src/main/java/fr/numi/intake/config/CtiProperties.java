package fr.numi.intake.config;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Generic CTI push (PBX bridges), bound from {@code numi.intake.cti.*}.
 *
 * @param tokens one secret token per bridge, by name: the bridge posts to {@code /api/v1/cti/<token>};
 *     none configured = every push refused (404)
 */
@ConfigurationProperties("numi.intake.cti")
public record CtiProperties(Map<String, String> tokens) {

    public CtiProperties {
        tokens = tokens == null ? Map.of() : Map.copyOf(tokens);
    }
}
