package dev.alertrelay.common.testing;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Prints the seed of every property run, one line each (and what the property wrote to stderr only when it failed), so a CI failure can be replayed exactly
 * ({@code @Property(seed = "...")}). Properties draw a fresh seed on every run; a seed that once failed is kept beside
 * its property as a fixed example. Registered for every module's tests through
 * {@code META-INF/services/net.jqwik.api.lifecycle.LifecycleHook} in this test jar.
 */
public final class PrintSeed implements AroundPropertyHook {

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        PropertyExecutionResult result = QuietOnSuccess.quietly(property::execute,
                outcome -> outcome.status() != PropertyExecutionResult.Status.SUCCESSFUL);
        System.out.println("jqwik seed " + result.seed().orElse("(none)") + " for "
                + context.containerClass().getSimpleName() + "." + context.targetMethod().getName());
        return result;
    }

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }
}
