package fr.numi.contracts.testing;

import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For a test class whose Spring context is one of its own (its own {@code @TestPropertySource}): that context starts an
 * embedded broker of its own and points the system property {@value #BROKERS_PROPERTY} at it, and the classes that run
 * after it in the JVM, on the other, cached context, read their broker from that property. This extension puts the
 * property back as it was before the class once the class is done. Use with {@code @ExtendWith} on the class.
 */
public final class KeepsOtherContextsBroker implements BeforeAllCallback, AfterAllCallback {

    public static final String BROKERS_PROPERTY = "spring.embedded.kafka.brokers";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeepsOtherContextsBroker.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put(BROKERS_PROPERTY, Optional.ofNullable(System.getProperty(BROKERS_PROPERTY)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterAll(ExtensionContext context) {
        Optional<String> before = context.getStore(NAMESPACE).get(BROKERS_PROPERTY, Optional.class);
        if (before == null || before.isEmpty()) {
            System.clearProperty(BROKERS_PROPERTY);
        } else {
            System.setProperty(BROKERS_PROPERTY, before.get());
        }
    }
}
