package dev.alertrelay.logs;

import java.util.Set;

/**
 * The prefix of a plain text line (timestamp, request id, thread, logger, pid) and the level among it, read by one
 * hand-written scan of at most {@link #PREFIX_TOKENS} tokens: linear in the line and free of regular expressions.
 *
 * <p>Besides the generic form ({@code <time> <request id> ERROR ...}, {@code [ERROR] <time> ...},
 * {@code <time> [thread] ERROR logger - ...}), the prefixes of:
 * <ul>
 *   <li>syslog, RFC 3164 ({@code <34>Oct 11 22:14:15 host su: ...}) and RFC 5424 ({@code <165>1 <time> host app pid
 *       msgid [sd] ...}): the level is the priority's severity (priority mod 8);</li>
 *   <li>PostgreSQL and RDS for PostgreSQL, whose {@code log_line_prefix} glues the level on with colons
 *       ({@code 2026-11-21 03:04:05 UTC:10.0.1.23(53412):app@orders:[5306]:ERROR:  ...}), and its continuation lines
 *       ({@code DETAIL:}, {@code HINT:}, {@code STATEMENT:}, {@code CONTEXT:}), which are read as INFO: they explain
 *       the error line above them, which pages on its own;</li>
 *   <li>MySQL's error log ({@code <time> <thread> [Note] [MY-010311] [Server] ...}), nginx's error log
 *       ({@code 2026/11/21 03:04:05 [error] 12#12: *3 ...}), Python's {@code logging.basicConfig}
 *       ({@code ERROR:root:...}) and {@code <time> - <logger> - ERROR - ...}, logfmt ({@code time=... level=error msg="..."});</li>
 * </ul>
 *
 * @param end       where the message starts after the prefix
 * @param level     the level the prefix names, or null
 * @param requestId the request id among the prefix (a UUID, as Lambda's runtimes write it), or null
 */
record TextPrefix(int end, LogLevel level, String requestId) {

    /** Prefix tokens looked at for a level; a message's own words come after these. */
    private static final int PREFIX_TOKENS = 8;
    /** How far into a line PostgreSQL's colon-joined prefix is looked for. */
    private static final int POSTGRES_PREFIX_CHARS = 300;
    private static final Set<String> POSTGRES_CONTINUATIONS = Set.of("DETAIL", "HINT", "STATEMENT", "CONTEXT", "QUERY", "LOCATION");
    private static final Set<String> POSTGRES_LEVELS = Set.of("DEBUG1", "DEBUG2", "DEBUG3", "DEBUG4", "DEBUG5", "INFO", "NOTICE",
            "WARNING", "ERROR", "LOG", "FATAL", "PANIC");

    static TextPrefix of(String line) {
        TextPrefix special = line.startsWith("<") ? syslog(line) : startsWithDate(line) ? postgres(line) : null;
        return special != null ? special : generic(line);
    }

    private static TextPrefix generic(String line) {
        int n = line.length();
        int[] starts = new int[PREFIX_TOKENS];
        int[] ends = new int[PREFIX_TOKENS];
        int tokens = 0;
        int i = 0;
        while (tokens < PREFIX_TOKENS) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (start == i) {
                break;
            }
            starts[tokens] = start;
            ends[tokens] = i;
            tokens++;
        }
        int end = 0;
        LogLevel level = null;
        String requestId = null;
        String previous = "";
        for (int t = 0; t < tokens; t++) {
            String word = line.substring(starts[t], ends[t]);
            LogLevel named = level == null ? levelOf(word) : null;
            if (named != null) {
                level = named;
            } else if (level == null && pythonBasicConfig(word) > 0) {
                LogLevel python = LogLevel.ofBareWord(word.substring(0, word.indexOf(':')));
                return new TextPrefix(starts[t] + pythonBasicConfig(word), python, requestId);
            } else if (isUuid(word)) {
                requestId = requestId == null ? word : requestId;
            } else if (!isNoise(word, previous, level != null)
                    && !(level == null && t + 2 < tokens && isSeparator(line.substring(starts[t + 1], ends[t + 1]))
                    && levelOf(line.substring(starts[t + 2], ends[t + 2])) != null)) {
                break;
            }
            end = ends[t];
            previous = word;
        }
        return new TextPrefix(withoutLogfmtMessageKey(line, end), level, requestId);
    }

    /** ERROR, [ERROR], ERROR:, <ERROR>, level=error; the words that also start sentences only in brackets or with a colon. */
    private static LogLevel levelOf(String word) {
        String bare = word;
        boolean marked = false;
        if (bare.length() > 2 && (bare.charAt(0) == '[' && bare.charAt(bare.length() - 1) == ']'
                || bare.charAt(0) == '<' && bare.charAt(bare.length() - 1) == '>')) {
            bare = bare.substring(1, bare.length() - 1);
            marked = true;
        }
        if (bare.endsWith(":")) {
            bare = bare.substring(0, bare.length() - 1);
            marked = true;
        }
        int equals = bare.indexOf('=');
        if (equals > 0 && isLevelKey(bare.substring(0, equals))) {
            String value = bare.substring(equals + 1);
            return LogLevel.of(value.length() > 1 && value.charAt(0) == '"' && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value);
        }
        if (marked && POSTGRES_CONTINUATIONS.contains(bare)) {
            return LogLevel.INFO;
        }
        return marked ? LogLevel.of(bare) : LogLevel.ofBareWord(bare);
    }

    private static boolean isLevelKey(String key) {
        return key.equals("level") || key.equals("lvl") || key.equals("severity");
    }

    /** {@code ERROR:root:message}: where the message starts within the token, or 0. */
    private static int pythonBasicConfig(String word) {
        int first = word.indexOf(':');
        if (first <= 0 || LogLevel.ofBareWord(word.substring(0, first)) == null) {
            return 0;
        }
        int second = word.indexOf(':', first + 1);
        return second > first + 1 ? second + 1 : 0;
    }

    private static boolean isSeparator(String word) {
        return word.equals("-") || word.equals("|");
    }

    /**
     * Timestamps, dates and times, [thread] names, separators, Node's {@code undefined} request id during init, a time
     * zone after a time, logfmt's time; a bare number
     * only after the level (Spring Boot's pid) or a timestamp (MySQL's thread), so a message starting "404 Not Found"
     * keeps its number; nginx's {@code pid#tid:} and {@code *connection} after its level.
     */
    private static boolean isNoise(String word, String previous, boolean afterLevel) {
        char first = word.charAt(0);
        if (first == '[' && word.charAt(word.length() - 1) == ']') {
            return true;
        }
        if (word.equals("-") || word.equals("---") || word.equals("|") || word.equals("undefined")) {
            return true;
        }
        if (word.startsWith("time=") || word.startsWith("ts=") || word.startsWith("t=")) {
            return true;
        }
        boolean afterTime = isDateOrTime(previous);
        if (afterTime && word.length() <= 5 && word.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            return true;
        }
        if (afterLevel && (first == '*' || Character.isDigit(first)) && isNginxConnection(word)) {
            return true;
        }
        if (!(first >= '0' && first <= '9')) {
            return false;
        }
        boolean digitsOnly = word.chars().allMatch(c -> c >= '0' && c <= '9');
        return isDateOrTime(word) || (digitsOnly && (afterLevel || afterTime));
    }

    private static boolean isDateOrTime(String word) {
        if (word.length() < 8 || !(word.charAt(0) >= '0' && word.charAt(0) <= '9')) {
            return false;
        }
        boolean separator = false;
        for (int k = 0; k < word.length(); k++) {
            char c = word.charAt(k);
            if (!(Character.isLetterOrDigit(c) || c == ':' || c == '.' || c == ',' || c == '-' || c == '+' || c == '/')) {
                return false;
            }
            separator |= c == ':' || c == '-' || c == '/';
        }
        return separator;
    }

    /** nginx: {@code 12#12:} (pid#thread) and {@code *3} (connection number). */
    private static boolean isNginxConnection(String word) {
        if (word.charAt(0) == '*') {
            return word.length() > 1 && word.chars().skip(1).allMatch(c -> c >= '0' && c <= '9');
        }
        int hash = word.indexOf('#');
        return hash > 0 && word.endsWith(":") && word.chars().allMatch(c -> c == '#' || c == ':' || (c >= '0' && c <= '9'));
    }

    private static boolean isUuid(String word) {
        return word.length() == 36 && word.charAt(8) == '-' && word.charAt(13) == '-' && word.charAt(18) == '-'
                && word.charAt(23) == '-';
    }

    /** logfmt's {@code msg=} / {@code message=} key is not part of the message. */
    private static int withoutLogfmtMessageKey(String line, int end) {
        int start = end;
        while (start < line.length() && Character.isWhitespace(line.charAt(start))) {
            start++;
        }
        for (String key : new String[] {"msg=", "message="}) {
            if (end > 0 && line.startsWith(key, start)) {
                return start + key.length();
            }
        }
        return end;
    }

    private static boolean startsWithDate(String line) {
        return line.length() > 10 && line.charAt(4) == '-' && line.charAt(7) == '-' && Character.isDigit(line.charAt(0));
    }

    /**
     * RDS's {@code %t:%r:%u@%d:[%p]:} prefix: the first {@code :WORD:} followed by a space whose word is a PostgreSQL
     * level or continuation, searched once from left to right within {@link #POSTGRES_PREFIX_CHARS}.
     */
    private static TextPrefix postgres(String line) {
        int limit = Math.min(line.length(), POSTGRES_PREFIX_CHARS);
        int colon = line.indexOf(':');
        while (colon >= 0 && colon < limit) {
            int j = colon + 1;
            while (j < limit && (Character.isUpperCase(line.charAt(j)) || Character.isDigit(line.charAt(j)))) {
                j++;
            }
            if (j > colon + 1 && j < line.length() && line.charAt(j) == ':'
                    && (j + 1 == line.length() || Character.isWhitespace(line.charAt(j + 1)))) {
                String word = line.substring(colon + 1, j);
                if (POSTGRES_LEVELS.contains(word)) {
                    return new TextPrefix(j + 1, LogLevel.of(word), null);
                }
                if (POSTGRES_CONTINUATIONS.contains(word)) {
                    return new TextPrefix(j + 1, LogLevel.INFO, null);
                }
            }
            colon = line.indexOf(':', j > colon + 1 ? j : colon + 1);
        }
        return null;
    }

    /** {@code <PRI>}: severity = PRI mod 8 (0 emerg ... 7 debug), then the RFC 5424 or RFC 3164 header. */
    private static TextPrefix syslog(String line) {
        int close = line.indexOf('>');
        if (close < 2 || close > 4) {
            return null;
        }
        int priority = 0;
        for (int k = 1; k < close; k++) {
            char c = line.charAt(k);
            if (c < '0' || c > '9') {
                return null;
            }
            priority = priority * 10 + (c - '0');
        }
        if (priority > 191) {
            return null;
        }
        LogLevel level = switch (priority % 8) {
            case 0, 1, 2 -> LogLevel.FATAL;
            case 3 -> LogLevel.ERROR;
            case 4 -> LogLevel.WARN;
            case 5, 6 -> LogLevel.INFO;
            default -> LogLevel.DEBUG;
        };
        int i = close + 1;
        boolean rfc5424 = i + 1 < line.length() && Character.isDigit(line.charAt(i)) && line.charAt(i + 1) == ' ';
        i = skipTokens(line, i, rfc5424 ? 6 : 4);
        if (rfc5424) {
            i = skipStructuredData(line, i);
        }
        return new TextPrefix(Math.min(i, line.length()), level, null);
    }

    private static int skipTokens(String line, int from, int count) {
        int i = from;
        for (int t = 0; t < count; t++) {
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            while (i < line.length() && line.charAt(i) != ' ') {
                i++;
            }
        }
        return i;
    }

    /** RFC 5424 STRUCTURED-DATA: {@code -} or {@code [id k="v"]...}, where {@code \]} inside a value is escaped. */
    private static int skipStructuredData(String line, int from) {
        int i = from;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        if (i < line.length() && line.charAt(i) == '-') {
            return i + 1;
        }
        while (i < line.length() && line.charAt(i) == '[') {
            i++;
            while (i < line.length() && line.charAt(i) != ']') {
                i += line.charAt(i) == '\\' ? 2 : 1;
            }
            i++;
        }
        return i;
    }
}
