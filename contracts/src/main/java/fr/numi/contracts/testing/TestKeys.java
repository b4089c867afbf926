package fr.numi.contracts.testing;

/**
 * The master key the services' tests are given ({@code numi.privacy.master-key}): customer keys made in a test are
 * wrapped with it. Never used outside tests: a deployment's comes from its secret store (NUMI_PRIVACY_MASTER_KEY).
 */
public final class TestKeys {

    /** 32 bytes as 64 hex digits. */
    public static final String MASTER_KEY = "6e756d692d74657374732d6d61737465722d6b65792d30313233343536373839";

    /** The property that gives it to a service under test. */
    public static final String MASTER_KEY_PROPERTY = "numi.privacy.master-key=" + MASTER_KEY;

    private TestKeys() {}
}
