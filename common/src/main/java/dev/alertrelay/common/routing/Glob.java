package dev.alertrelay.common.routing;

/**
 * A route's pattern: {@code *} matches any run of characters (also none), everything else itself, case-sensitively
 * ({@code payments-*}, {@code /aws/lambda/payments-*}, {@code *-prod}). Read with two indexes and one backtrack point,
 * so a pattern of many stars against a long name takes time proportional to their product at worst, never more, and
 * no stack (no regex engine sees the untrusted name).
 */
final class Glob {

    private Glob() {
    }

    static boolean matches(String pattern, String value) {
        int p = 0;
        int v = 0;
        int star = -1;
        int afterStar = 0;
        while (v < value.length()) {
            if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == value.charAt(v)) {
                p++;
                v++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                afterStar = v;
            } else if (star >= 0) {
                p = star + 1;
                v = ++afterStar;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
