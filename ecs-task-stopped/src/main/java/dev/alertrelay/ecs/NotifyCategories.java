package dev.alertrelay.ecs;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The categories that send a message, from {@code NOTIFY_CATEGORIES}: category names separated by commas or spaces
 * ({@code crashed, out-of-memory}), or {@code all}. Unset or blank means every category except routine and completed.
 * An unknown name fails at start-up: a typo must not silently drop alerts.
 */
final class NotifyCategories {

    public static final String VARIABLE = "NOTIFY_CATEGORIES";
    private static final String ALL = "all";

    private final Set<StopCategory> categories;

    private NotifyCategories(Set<StopCategory> categories) {
        this.categories = categories;
    }

    public static NotifyCategories defaults() {
        EnumSet<StopCategory> set = EnumSet.noneOf(StopCategory.class);
        for (StopCategory category : StopCategory.values()) {
            if (category.notifiedByDefault()) {
                set.add(category);
            }
        }
        return new NotifyCategories(set);
    }

    /** Parses the variable's value; names are case-insensitive and accept '_' for '-' ({@code OUT_OF_MEMORY}). */
    public static NotifyCategories parse(String value) {
        if (value == null || value.isBlank()) {
            return defaults();
        }
        EnumSet<StopCategory> set = EnumSet.noneOf(StopCategory.class);
        List<String> unknown = new ArrayList<>();
        for (String name : value.split("[,\\s]+")) {
            String normalised = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
            if (normalised.isEmpty()) {
                continue;
            }
            if (normalised.equals(ALL)) {
                set.addAll(EnumSet.allOf(StopCategory.class));
                continue;
            }
            StopCategory category = byName(normalised);
            if (category == null) {
                unknown.add(name.strip());
            } else {
                set.add(category);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(VARIABLE + " has unknown categories " + unknown + "; valid: " + validNames() + " or " + ALL);
        }
        return new NotifyCategories(set);
    }

    public boolean contains(StopCategory category) {
        return categories.contains(category);
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        categories.forEach(category -> names.add(category.configName()));
        return String.join(",", names);
    }

    private static StopCategory byName(String configName) {
        for (StopCategory category : StopCategory.values()) {
            if (category.configName().equals(configName)) {
                return category;
            }
        }
        return null;
    }

    private static String validNames() {
        List<String> names = new ArrayList<>();
        for (StopCategory category : StopCategory.values()) {
            names.add(category.configName());
        }
        return String.join(", ", names);
    }
}
