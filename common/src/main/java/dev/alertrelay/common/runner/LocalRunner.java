package dev.alertrelay.common.runner;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.alertrelay.common.delivery.DryRun;
import dev.alertrelay.common.json.InvalidEventException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * Runs a function's handler locally, exactly as Lambda would run it, without Docker or an AWS account:
 * <pre>java -jar &lt;module&gt;/target/&lt;module&gt;.jar [--dry-run] [--replay] &lt;event.json ... | -&gt;</pre>
 * The handler is the class the jar's manifest names (the one template.yaml names); configuration comes from the
 * environment; the function name is AWS_LAMBDA_FUNCTION_NAME or the module's name; the deadline is 30 seconds per event.
 * With {@code --replay} the input is what a failure queue holds (see {@link FailedEvents}), and each event in it runs.
 * Exit status: 0 success, 1 the handler failed, 2 usage error or an unreadable or invalid event.
 */
public final class LocalRunner {

    static final int OK = 0;
    static final int HANDLER_FAILED = 1;
    static final int USAGE = 2;
    static final long TIMEOUT_MILLIS = 30_000;

    private static final String USAGE_LINE = "usage: java -jar <function>.jar [--dry-run] [--replay] [--at <time>] <event.json ... | ->  or  --check-routes <routes.json>";

    /** Set while the local runner runs a function: what only a local run does (sample signing secrets) asks for it. */
    private static final String RUNNING_PROPERTY = "alertrelay.localRun";

    private LocalRunner() {
    }

    /** Whether this process is the local runner (never in Lambda). */
    public static boolean isRunning() {
        return Boolean.getBoolean(RUNNING_PROPERTY);
    }

    /** The options, then the environment variables this jar's function reads (its {@code help/variables.txt}). */
    static String help() {
        StringBuilder text = new StringBuilder(USAGE_LINE).append("""

                  <event.json | ->  the event, as Lambda would deliver it (a file, or - for standard input); several
                                    files run in order in one warm container (a Slack thread's whole lifecycle)
                  --dry-run         resolve no secret and send nothing: print each request body that would be sent,
                                    one JSON document per line on stdout (Slack: also a Block Kit Builder link on stderr)
                  --replay          the input is what a failure queue holds (aws sqs receive-message output, or
                                    Lambda destination records): run every event in it
                  --check-routes <routes.json | ->   check a routes document (ROUTES) as the function would at
                                    start-up, secret variables included; exit 2 names the route and field that are wrong
                  --at <time>       run as if it were that time (ISO-8601, such as 2026-12-03T03:07:30Z): a signed
                                    sample is only accepted within five minutes of its signature
                  -h, --help        this text
                Exit status: 0 success, 1 the handler failed (a delivery failed), 2 usage error or an invalid event.
                Without --dry-run, the handler's response (an SQS batch's batchItemFailures) is the last line on stdout.

                """);
        try (InputStream variables = LocalRunner.class.getResourceAsStream("/help/variables.txt")) {
            text.append(variables == null ? "(this jar lists no variables)" : new String(variables.readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8).stripTrailing());
        } catch (IOException e) {
            text.append("(the variables could not be read: ").append(e.getMessage()).append(')');
        }
        return text.toString();
    }

    /**
     * {@code --check-routes routes.json}: reads and checks a routes document as the functions do at start-up, including
     * that every secret variable it names is set in this environment; prints what it found (exit 0) or exactly what
     * is wrong, by route and field (exit 2).
     */
    static int checkRoutes(String source, InputStream stdin) {
        final String document;
        try {
            document = source.equals("-") ? new String(stdin.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    : Files.readString(Path.of(source));
        } catch (IOException | RuntimeException e) {
            System.err.println("alert-relay: cannot read the routes document " + source + ": " + describe(e));
            return USAGE;
        }
        try {
            dev.alertrelay.common.routing.Routes routes = dev.alertrelay.common.routing.Routes.parse(document);
            routes.requireSecrets(System::getenv);
            System.out.println("routes ok: " + routes.routes().size() + " route(s): "
                    + String.join(", ", routes.routes().stream().map(route -> route.name() + (route.drop() ? " (drop)" : "")).toList()));
            return OK;
        } catch (dev.alertrelay.common.routing.RoutesException e) {
            System.err.println("alert-relay: " + source + ": " + e.getMessage());
            return USAGE;
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in));
    }

    static int run(String[] args, InputStream stdin) {
        boolean dryRun = false;
        boolean replay = false;
        long clockOffsetMillis = 0;
        java.util.List<String> eventSources = new java.util.ArrayList<>();
        if (args.length > 0 && args[0].equals("--check-routes")) {
            return args.length == 2 ? checkRoutes(args[1], stdin) : usage("--check-routes takes one routes document (a file, or - for standard input)");
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--at")) {
                if (i + 1 == args.length) {
                    return usage("--at takes a time, such as 2026-12-03T03:07:30Z");
                }
                try {
                    clockOffsetMillis = java.time.Instant.parse(args[++i]).toEpochMilli() - System.currentTimeMillis();
                } catch (java.time.format.DateTimeParseException e) {
                    return usage("--at takes an ISO-8601 time such as 2026-12-03T03:07:30Z, not " + args[i]);
                }
            } else if (arg.equals("--dry-run")) {
                dryRun = true;
            } else if (arg.equals("--replay")) {
                replay = true;
            } else if (arg.equals("-h") || arg.equals("--help")) {
                System.out.println(help());
                return OK;
            } else if (arg.startsWith("--")) {
                return usage("unknown option " + arg);
            } else {
                eventSources.add(arg);
            }
        }
        if (eventSources.isEmpty()) {
            return usage("no event given");
        }
        if (eventSources.size() > 1 && (replay || eventSources.contains("-"))) {
            return usage(replay ? "--replay reads one input" : "standard input (-) is the only event when given");
        }
        java.util.List<byte[]> events = new java.util.ArrayList<>();
        for (String eventSource : eventSources) {
            try {
                events.add(eventSource.equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(eventSource)));
            } catch (IOException | RuntimeException e) {
                System.err.println("alert-relay: cannot read the event " + eventSource + ": " + describe(e));
                return USAGE;
            }
        }
        Manifest manifest = ownManifest();
        String handlerClass = setting("alertrelay.handler", manifest, "Lambda-Handler");
        if (handlerClass == null) {
            System.err.println("alert-relay: this jar names no handler (manifest entry Lambda-Handler)");
            return USAGE;
        }
        String functionName = functionName(setting("alertrelay.defaultFunctionName", manifest, "Lambda-Function-Default-Name"));
        System.setProperty("alertrelay.functionName", functionName);
        System.setProperty(RUNNING_PROPERTY, "true");
        if (dryRun) {
            System.setProperty(DryRun.PROPERTY, "true");
        }
        Container container = new Container(handlerClass, functionName, clockOffsetMillis);
        if (!replay) {
            int worst = OK;
            for (byte[] event : events) {
                worst = Math.max(worst, container.invoke(event));
            }
            return worst;
        }
        final java.util.List<FailedEvents.FailedEvent> failed;
        try {
            failed = FailedEvents.unwrap(events.get(0));
        } catch (InvalidEventException e) {
            System.err.println("alert-relay: nothing to replay: " + e.getMessage());
            return USAGE;
        }
        int worst = OK;
        for (int i = 0; i < failed.size(); i++) {
            FailedEvents.FailedEvent one = failed.get(i);
            System.err.println("alert-relay: replaying event " + (i + 1) + " of " + failed.size()
                    + (one.failure() == null ? "" : " (it had failed: " + one.failure() + ")"));
            worst = Math.max(worst, container.invoke(one.event()));
        }
        return worst;
    }

    /** One warm container: the handler is created on the first event and handles every later one, as in Lambda. */
    private static final class Container {
        private final String handlerClass;
        private final String functionName;
        private final long clockOffsetMillis;
        private RequestStreamHandler handler;

        Container(String handlerClass, String functionName, long clockOffsetMillis) {
            this.handlerClass = handlerClass;
            this.functionName = functionName;
            this.clockOffsetMillis = clockOffsetMillis;
        }

        int invoke(byte[] event) {
            LocalContext context = new LocalContext(functionName, TIMEOUT_MILLIS, clockOffsetMillis);
            try {
                if (handler == null) {
                    handler = (RequestStreamHandler) Class.forName(handlerClass).getDeclaredConstructor().newInstance();
                }
                ByteArrayOutputStream response = new ByteArrayOutputStream();
                handler.handleRequest(new ByteArrayInputStream(event), response, context);
                // What Lambda would do with the result (an SQS batch's batchItemFailures), as the last line on stdout;
                // in a dry run stdout holds only the payloads that would be sent.
                if (response.size() > 0 && !Boolean.getBoolean(DryRun.PROPERTY)) {
                    System.out.println(response.toString(java.nio.charset.StandardCharsets.UTF_8));
                }
                return OK;
            } catch (InvalidEventException e) {
                System.err.println("alert-relay: invalid event: " + e.getMessage());
                return USAGE;
            } catch (java.lang.reflect.InvocationTargetException e) {
                System.err.println("alert-relay: " + handlerClass + " could not start: " + describe(e.getCause()));
                return HANDLER_FAILED;
            } catch (ReflectiveOperationException | ClassCastException e) {
                System.err.println("alert-relay: cannot run handler " + handlerClass + ": " + describe(e));
                return USAGE;
            } catch (Exception | Error e) {
                System.err.println("alert-relay: the handler failed: " + describe(e));
                return HANDLER_FAILED;
            }
        }
    }

    private static String functionName(String moduleName) {
        String fromEnvironment = System.getenv("AWS_LAMBDA_FUNCTION_NAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        return moduleName == null ? "alert-relay" : moduleName;
    }

    private static String setting(String property, Manifest manifest, String attribute) {
        String value = System.getProperty(property);
        if (value != null && !value.isBlank()) {
            return value;
        }
        if (manifest == null) {
            return null;
        }
        String fromManifest = manifest.getMainAttributes().getValue(new Attributes.Name(attribute));
        return fromManifest == null || fromManifest.isBlank() ? null : fromManifest;
    }

    /** The manifest of the jar this class was loaded from (a shaded jar has exactly one). */
    private static Manifest ownManifest() {
        try {
            var location = LocalRunner.class.getProtectionDomain().getCodeSource().getLocation();
            Path path = Path.of(location.toURI());
            if (!Files.isRegularFile(path)) {
                return null;
            }
            try (var jar = new java.util.jar.JarFile(path.toFile())) {
                return jar.getManifest();
            }
        } catch (Exception e) {
            return null;
        }
    }

    private static int usage(String problem) {
        System.err.println("alert-relay: " + problem);
        System.err.println(USAGE_LINE);
        return USAGE;
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "unknown error";
        }
        String message = e.getMessage();
        String name = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + message;
    }
}
