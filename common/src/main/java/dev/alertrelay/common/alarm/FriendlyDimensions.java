package dev.alertrelay.common.alarm;

/**
 * Dimension values as people name the resources: ELB dimensions carry {@code app/<name>/<id>} and
 * {@code targetgroup/<name>/<id>}, and the name is what anyone on call recognises.
 */
public final class FriendlyDimensions {

    private FriendlyDimensions() {
    }

    public static String value(Dimension dimension) {
        String value = dimension.value();
        return switch (dimension.name()) {
            case "LoadBalancer", "TargetGroup" -> middlePart(value);
            default -> value;
        };
    }

    /** {@code kind/name/id} to {@code name}; anything else unchanged. */
    private static String middlePart(String value) {
        int first = value.indexOf('/');
        int last = value.lastIndexOf('/');
        return first >= 0 && last > first + 1 ? value.substring(first + 1, last) : value;
    }
}
