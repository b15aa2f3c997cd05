package dev.alertrelay.common.testing;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.secrets.Secret;

/**
 * A secret replaced where it is stored (SSM, KMS ciphertext): the cache still gives {@code cached} until the secret is
 * refreshed, then {@code stored}. Counts its reads.
 */
public final class RotatedSecret implements Secret {

    private final String source;
    private final String cached;
    private final String stored;
    private boolean refreshed;
    private int reads;

    public RotatedSecret(String source, String cached, String stored) {
        this.source = source;
        this.cached = cached;
        this.stored = stored;
    }

    @Override
    public String value(Deadline deadline) {
        reads++;
        return refreshed ? stored : cached;
    }

    @Override
    public boolean refresh() {
        refreshed = true;
        return true;
    }

    @Override
    public String source() {
        return source;
    }

    public int reads() {
        return reads;
    }
}
