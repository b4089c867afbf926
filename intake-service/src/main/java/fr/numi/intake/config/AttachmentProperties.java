package fr.numi.intake.config;

import fr.numi.intake.attachment.domain.AttachmentPolicy;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * What intake keeps of what people send, bound from {@code numi.intake.attachments.*}.
 *
 * @param maxSize larger media are refused (the agent is told), never downloaded
 * @param types the MIME types kept; anything else is refused
 */
@ConfigurationProperties("numi.intake.attachments")
public record AttachmentProperties(DataSize maxSize, List<String> types) {

    public AttachmentProperties {
        maxSize = maxSize == null ? DataSize.ofMegabytes(16) : maxSize;
        types = types == null || types.isEmpty() ? List.copyOf(AttachmentPolicy.DEFAULT_TYPES) : List.copyOf(types);
    }

    public AttachmentPolicy policy() {
        return new AttachmentPolicy(maxSize.toBytes(), Set.copyOf(types));
    }
}
