package dev.alertrelay.common.alarm;

/** A metric dimension as CloudWatch names it, e.g. {@code TargetGroup} = {@code targetgroup/shop-web-tg/73e2d6bc24d8a067}. */
public record Dimension(String name, String value) {
}
