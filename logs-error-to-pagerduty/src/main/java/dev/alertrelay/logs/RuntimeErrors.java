package dev.alertrelay.logs;

/**
 * The Lambda runtimes' wrappers around a function's own error, read as the error they wrap, so an init failure's
 * incident says what went wrong ({@code ModuleNotFoundError: No module named 'requests'}) and groups with the same
 * error logged any other way:
 * <ul>
 *   <li>Python: {@code Runtime.ImportModuleError: Unable to import module 'app': No module named 'requests'} (a
 *       {@code ModuleNotFoundError}; {@code cannot import name ...} is an {@code ImportError}),
 *       {@code Runtime.UserCodeSyntaxError: Syntax error in module 'app': invalid syntax (app.py, line 3)};</li>
 *   <li>Node.js: {@code Runtime.ImportModuleError}, {@code Runtime.UserCodeSyntaxError},
 *       {@code Runtime.UnhandledPromiseRejection} and any other {@code Runtime.*} type whose message is the wrapped
 *       error's own line ({@code Error: Cannot find module 'axios'}, then {@code Require stack:});</li>
 *   <li>Ruby: {@code Init<LoadError>} and {@code Function<NoMethodError>} name the Ruby class in angle brackets.</li>
 * </ul>
 * Any other type and message are kept as they are.
 */
final class RuntimeErrors {

    private static final String IMPORT_MODULE = "Runtime.ImportModuleError";
    private static final String SYNTAX = "Runtime.UserCodeSyntaxError";
    private static final String RUNTIME_WRAPPER = "Runtime.";

    private RuntimeErrors() {
    }

    static StructuredError unwrap(String type, String message, String stack) {
        if (type == null) {
            return new StructuredError(null, message, stack);
        }
        int angle = type.indexOf('<');
        if (angle > 0 && type.endsWith(">") && (type.startsWith("Init<") || type.startsWith("Function<"))) {
            return new StructuredError(type.substring(angle + 1, type.length() - 1), message, stack);
        }
        if (!type.startsWith(RUNTIME_WRAPPER)) {
            return new StructuredError(type, message, stack);
        }
        String firstLine = firstLine(message);
        String python = afterModuleName(firstLine);
        if (python != null && (type.equals(IMPORT_MODULE) || type.equals(SYNTAX))) {
            String real = type.equals(SYNTAX) ? "SyntaxError"
                    : python.startsWith("No module named") ? "ModuleNotFoundError" : "ImportError";
            return new StructuredError(real, python, stack);
        }
        String wrapped = ErrorLineParser.exceptionClassOf(firstLine);
        if (wrapped != null && firstLine.length() > wrapped.length()) {
            return new StructuredError(wrapped, firstLine.substring(wrapped.length() + 1).strip(), stack);
        }
        return new StructuredError(type, message, stack);
    }

    /** Python's {@code Unable to import module 'app': <message>} and {@code Syntax error in module 'app': <message>}. */
    private static String afterModuleName(String line) {
        if (!line.startsWith("Unable to import module '") && !line.startsWith("Syntax error in module '")) {
            return null;
        }
        int close = line.indexOf("': ", line.indexOf('\'') + 1);
        return close < 0 ? null : line.substring(close + 3).strip();
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }
}
