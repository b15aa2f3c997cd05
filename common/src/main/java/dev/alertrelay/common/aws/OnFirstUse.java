package dev.alertrelay.common.aws;

import java.util.function.Supplier;

/**
 * Something costly (an AWS SDK client) created on first use, once per container, however many threads ask. Kept apart
 * from {@link AwsClients} so that holding one loads no SDK class: a plain-text configuration never does.
 */
public final class OnFirstUse {

    private OnFirstUse() {
    }

    public static <T> Supplier<T> of(Supplier<T> create) {
        return new Supplier<>() {
            private T created;

            @Override
            public synchronized T get() {
                if (created == null) {
                    created = create.get();
                }
                return created;
            }
        };
    }
}
