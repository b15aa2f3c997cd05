package dev.alertrelay.actions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonObject;
import dev.alertrelay.common.delivery.DryRun;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.log.Log;
import dev.alertrelay.common.secrets.Secret;
import dev.alertrelay.common.secrets.SecretResolver;
import dev.alertrelay.common.snapstart.SnapStartPriming;
import dev.alertrelay.common.text.Truncate;
import dev.alertrelay.pagerduty.PagerDutyIncidents;
import dev.alertrelay.pagerduty.PagerDutySender;
import dev.alertrelay.slack.Blocks;
import dev.alertrelay.slack.Mrkdwn;
import dev.alertrelay.slack.SlackMessage;
import dev.alertrelay.slack.api.SlackWebApi;
import dev.alertrelay.slack.thread.DynamoDbThreadStore;
import dev.alertrelay.slack.thread.InMemoryThreadStore;
import dev.alertrelay.slack.thread.ThreadActions;
import dev.alertrelay.slack.thread.ThreadControls;
import dev.alertrelay.slack.thread.ThreadStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Slack app's interactivity endpoint, behind a Lambda function URL: the buttons of alert-relay's threads
 * (Acknowledge, Silence, Unsilence, Page on-call). Every request is verified before anything in it is read: a POST,
 * a body within {@value #MAX_BODY_BYTES} bytes, Slack's v0 signature with a timestamp within five minutes, the expected
 * workspace. Anything else is answered 401 with no detail, changes nothing, and logs one line without the secret or
 * the body. A verified click is applied to the thread ({@link ThreadActions}), what is optional only within {@value #ANSWER_MILLIS} ms,
 * so that Slack hears back within its three seconds; a click that changes nothing gets an answer only its clicker sees.
 */
public final class SlackActionsHandler implements RequestStreamHandler {

    static final String SIGNING_SECRET = "SLACK_SIGNING_SECRET";
    private static final int LOGGED_ANSWER_MAX = 300;
    static final String TEAM_VARIABLE = "SLACK_TEAM_ID";
    static final String ALLOWED_CHANNELS_VARIABLE = "SLACK_ALLOWED_CHANNELS";
    /** Slack sends a few KB; a click on a storm's top message carries that message, tens of KB. */
    static final int MAX_BODY_BYTES = 256 * 1024;
    /**
     * Slack shows the clicker a warning when it hears nothing within 3 s: what is optional (the incident's link) is
     * done only within this part of the invocation.
     */
    static final long ANSWER_MILLIS = 2_500;
    /**
     * A click is never dropped for being slow (a cold start on a busy host): its change is still made, within this
     * much of the invocation, and Slack shows it even if it had to warn the clicker first.
     */
    static final long WORK_MILLIS = 8_000;
    /**
     * The signing secret of the samples in {@code events/}: the local runner (only) uses it when
     * {@value #SIGNING_SECRET} is not set, so that a sample click runs without a Slack app. It signs nothing real.
     */
    static final String SAMPLE_SIGNING_SECRET = "alert-relay-sample-signing-secret";
    /** The workspace of the samples, likewise for the local runner only. */
    static final String SAMPLE_TEAM_ID = "T0SAMPLE01";

    private final SignedRequests signedRequests;
    private final String teamId;
    private final Set<String> allowedChannels;
    private final SlackWebApi slack;
    private final ThreadActions actions;
    private final OnCallPager pager;

    public SlackActionsHandler() {
        this(System::getenv, SecretResolver.fromEnvironment(), DryRun.enabled());
        SnapStartPriming.register("/priming/slack-action-acknowledge.json", SlackActionsHandler::prime);
    }

    /**
     * SnapStart priming: the sample click read, its signature computed and its payload parsed as a request is, before
     * the snapshot; no secret is read and no service called (the thread store primes its own client).
     */
    static void prime(InputStream sample) {
        try {
            FunctionUrlRequest request = FunctionUrlRequest.of(Json.parseObject(sample), MAX_BODY_BYTES);
            SlackSignature.matches(SAMPLE_SIGNING_SECRET, request.header("x-slack-request-timestamp"), request.body(),
                    request.header("x-slack-signature"));
            Interaction click = Interaction.parse(request.body());
            ThreadControls.Action.ofActionId(click.actionId());
        } catch (FunctionUrlRequest.Unreadable | Interaction.Malformed e) {
            throw new IllegalStateException("the priming sample is not a click: " + e.getMessage(), e);
        }
    }

    private SlackActionsHandler(Function<String, String> env, SecretResolver secrets, boolean dryRun) {
        this(env, secrets, dryRun, SlackWebApi.create(secrets.secret(SlackWebApi.TOKEN_SECRET), env, dryRun), store(env, dryRun));
    }

    SlackActionsHandler(Function<String, String> env, SecretResolver secrets, boolean dryRun, SlackWebApi slack, ThreadStore store) {
        this(new SignedRequests(signingSecret(secrets)), teamId(env), allowedChannels(env), slack, store,
                new OnCallPager(PagerDutySender.fromEnvironment(env, secrets, dryRun),
                        variable -> PagerDutySender.forRoute(variable, env, secrets, dryRun),
                        PagerDutyIncidents.fromEnvironment(env, secrets, dryRun)));
    }

    private SlackActionsHandler(SignedRequests signedRequests, String teamId, Set<String> allowedChannels, SlackWebApi slack,
                                ThreadStore store, OnCallPager pager) {
        this.signedRequests = signedRequests;
        this.teamId = teamId;
        this.allowedChannels = allowedChannels;
        this.slack = slack;
        this.actions = new ThreadActions(slack, store);
        this.pager = pager;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        Deadline invocation = Deadline.of(context);
        write(output, answer(input, invocation.within(WORK_MILLIS), invocation.within(ANSWER_MILLIS)));
    }

    private int answer(InputStream input, Deadline deadline, Deadline answerBy) {
        FunctionUrlRequest request;
        try {
            request = FunctionUrlRequest.of(Json.parseObject(input), MAX_BODY_BYTES);
        } catch (FunctionUrlRequest.Unreadable | RuntimeException e) {
            return refused(e instanceof FunctionUrlRequest.Unreadable ? e.getMessage() : "a request that is not a function URL event");
        }
        String refusal = signedRequests.refusal(request, deadline);
        if (refusal != null) {
            return refused(refusal);
        }
        Interaction click;
        try {
            click = Interaction.parse(request.body());
        } catch (Interaction.Malformed e) {
            Log.error("slack-actions: refused a signed request: " + e.getMessage());
            return 400;
        }
        if (!teamId.equals(click.teamId())) {
            return refused("a request from another workspace (" + Truncate.toLength(String.valueOf(click.teamId()), 20) + ")");
        }
        if (!click.isBlockActions() || click.actionId() == null) {
            Log.info("slack-actions: ignored a " + Truncate.toLength(click.type(), 40) + " request: only a button's block action is answered");
            return 200;
        }
        Optional<ThreadControls.Action> action = ThreadControls.Action.ofActionId(click.actionId());
        if (action.isEmpty()) {
            // Link buttons (the console, the chart) send their clicks here too; the browser already opened the page.
            return 200;
        }
        if (!click.isCompleteClick()) {
            Log.error("slack-actions: refused a signed click without its user, channel, message or value");
            return 400;
        }
        Log.info("slack-actions: " + act(click, action.get(), deadline, answerBy));
        return 200;
    }

    /** The click applied, and what its clicker is told when it changed nothing; returns the log line. */
    private String act(Interaction click, ThreadControls.Action action, Deadline deadline, Deadline answerBy) {
        String what = action.actionId() + " by " + click.userId() + " on thread " + Truncate.toLength(click.value(), 200) + ": ";
        if (!allowedChannels.isEmpty() && !allowedChannels.contains(click.channelId())) {
            tell(click, Mrkdwn.text("alert-relay does not take actions from this channel, so nothing was changed."), deadline);
            return what + "declined: channel " + click.channelId() + " is not in " + ALLOWED_CHANNELS_VARIABLE;
        }
        ThreadActions.Result result;
        try {
            result = actions.apply(new ThreadActions.Click(click.value(), action, click.userId(), click.channelId(), click.messageTs(),
                    click.actionTs()), (incident, within) -> pager.page(incident, click, within, answerBy), deadline);
        } catch (RuntimeException e) {
            Log.error("slack-actions: " + what + "failed: " + e.getMessage());
            tell(click, Mrkdwn.text("alert-relay could not record this, so nothing was changed: try again in a moment (the"
                    + " slack-actions log says why)."), deadline);
            return what + "failed";
        }
        return what + switch (result) {
            case ThreadActions.Applied applied when applied.problem() == null -> "applied";
            case ThreadActions.Applied applied -> {
                tell(click, Mrkdwn.text("Done: " + applied.problem() + "."), deadline);
                yield "applied; " + applied.problem();
            }
            case ThreadActions.AlreadyApplied already -> "already applied (a repeated delivery), nothing changed";
            case ThreadActions.Declined declined -> {
                tell(click, declined.answer(), deadline);
                yield "declined: " + declined.answer().render(LOGGED_ANSWER_MAX);
            }
        };
    }

    /** A message only the clicker sees; best effort, since the click's outcome is already logged. */
    private void tell(Interaction click, Mrkdwn answer, Deadline deadline) {
        try {
            slack.postEphemeral(click.channelId(), click.userId(), SlackMessage.builder().text("alert-relay answered your click")
                    .block(Blocks.section(answer)).build(), deadline);
        } catch (RuntimeException e) {
            Log.error("slack-actions: could not tell " + click.userId() + " (" + e.getMessage() + "): " + answer.render(LOGGED_ANSWER_MAX));
        }
    }

    private static int refused(String reason) {
        Log.error("slack-actions: refused a request (401): " + reason);
        return 401;
    }

    /** The function URL's response: the status, and no body (Slack reads none from a block action's answer). */
    private static void write(OutputStream output, int status) {
        JsonObject response = new JsonObject();
        response.addProperty("statusCode", status);
        JsonObject headers = new JsonObject();
        headers.addProperty("content-type", "text/plain");
        response.add("headers", headers);
        response.addProperty("body", "");
        try {
            output.write(Json.toJson(response).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Secret signingSecret(SecretResolver secrets) {
        if (!secrets.isConfigured(SIGNING_SECRET) && LocalRuns.active()) {
            return LocalRuns.secret(SIGNING_SECRET, SAMPLE_SIGNING_SECRET);
        }
        return secrets.secret(SIGNING_SECRET);
    }

    private static String teamId(Function<String, String> env) {
        String team = env.apply(TEAM_VARIABLE);
        if (team != null && !team.isBlank()) {
            return team.strip();
        }
        if (LocalRuns.active()) {
            return SAMPLE_TEAM_ID;
        }
        throw new IllegalStateException(TEAM_VARIABLE + " is not set: it is the Slack workspace id (T0123456789) whose clicks"
                + " this function answers; a request from any other is refused");
    }

    private static Set<String> allowedChannels(Function<String, String> env) {
        String channels = env.apply(ALLOWED_CHANNELS_VARIABLE);
        return channels == null ? Set.of() : Arrays.stream(channels.split(",")).map(String::strip).filter(c -> !c.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static ThreadStore store(Function<String, String> env, boolean dryRun) {
        String table = env.apply(DynamoDbThreadStore.TABLE_VARIABLE);
        if (dryRun) {
            return new InMemoryThreadStore();
        }
        if (table == null || table.isBlank()) {
            throw new IllegalStateException(DynamoDbThreadStore.TABLE_VARIABLE + " is not set: the buttons act on the threads whose"
                    + " state alarm-to-slack and ecs-task-stopped keep in that DynamoDB table");
        }
        return DynamoDbThreadStore.fromEnvironment(table.strip(), env);
    }
}
