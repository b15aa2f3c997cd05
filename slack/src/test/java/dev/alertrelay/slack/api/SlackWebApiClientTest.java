package dev.alertrelay.slack.api;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.common.secrets.Secret;
import dev.alertrelay.slack.Blocks;
import dev.alertrelay.slack.Mrkdwn;
import dev.alertrelay.slack.SlackMessage;
import dev.alertrelay.slack.api.SlackWebApi.PostedMessage;
import dev.alertrelay.common.testing.RotatedSecret;
import dev.alertrelay.common.testing.SlackWebApiStandIn;
import dev.alertrelay.common.testing.TestSecrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Web API client against a loopback Slack that answers as Slack documents it. */
class SlackWebApiClientTest {

    private static final String TOKEN = "xoxb-1111-2222-secrettoken";

    private final SlackWebApiStandIn slack = SlackWebApiStandIn.start(TOKEN);

    @AfterEach
    void stop() {
        slack.close();
    }

    private SlackWebApi api(Secret token) {
        return SlackWebApi.create(token, Map.of(SlackWebApi.API_URL_VARIABLE, slack.apiUrl())::get, false);
    }

    private SlackWebApi api() {
        return api(TestSecrets.plain(SlackWebApi.TOKEN_SECRET, TOKEN));
    }

    private static SlackMessage message(String text) {
        return SlackMessage.builder().text(text).color(SlackMessage.COLOR_DANGER)
                .attachmentBlock(Blocks.section(Mrkdwn.text(text))).build();
    }

    @Test
    void aPostAnswersWhereTheMessageIsAndCarriesTheTokenOnlyInTheHeader() {
        PostedMessage posted = api().postMessage("C0123", message("ALARM: checkout"), null, Deadline.in(10_000));

        SlackWebApiStandIn.Call call = slack.calls().get(0);
        assertEquals("C0123", posted.channel());
        assertNotNull(posted.ts());
        assertEquals("Bearer " + TOKEN, call.authorization());
        assertTrue(call.contentType().startsWith("application/json"));
        assertEquals("C0123", call.argument("channel"));
        assertEquals("false", call.argument("unfurl_links"));
        assertFalse(call.arguments().toString().contains(TOKEN));
    }

    @Test
    void aReplyNamesItsThread() {
        PostedMessage top = api().postMessage("C0123", message("ALARM"), null, Deadline.in(10_000));
        api().postMessage("C0123", message("OK"), top.ts(), Deadline.in(10_000));

        assertEquals(top.ts(), slack.calls().get(1).argument("thread_ts"));
    }

    @Test
    void anUpdateReplacesBlocksAndAttachmentsEvenWhenTheNewMessageHasNone() {
        PostedMessage top = api().postMessage("C0123", message("ALARM"), null, Deadline.in(10_000));
        api().update(top, SlackMessage.builder().text("resolved").build(), Deadline.in(10_000));

        SlackWebApiStandIn.Call update = slack.calls("chat.update").get(0);
        assertEquals(top.ts(), update.argument("ts"));
        assertEquals("[]", update.argument("blocks"));
        assertEquals("[]", update.argument("attachments"));
    }

    @Test
    void aRefusalFailsAtOnceNamingSlacksErrorAndNeverTheToken() {
        slack.refuseNext("chat.postMessage", "not_in_channel");

        DeliveryException failure = assertThrows(DeliveryException.class,
                () -> api().postMessage("C0123", message("ALARM"), null, Deadline.in(10_000)));

        assertEquals("not_in_channel", SlackWebApi.errorCode(failure));
        assertTrue(failure.getMessage().contains("not_in_channel"), failure.getMessage());
        assertFalse(failure.getMessage().contains(TOKEN));
        assertEquals(1, slack.calls().size(), "a refusal is not retried");
    }

    @Test
    void rateLimitingIsWaitedOutAsRetryAfterSays() {
        slack.rateLimitNext("chat.postMessage", "0");

        api().postMessage("C0123", message("ALARM"), null, Deadline.in(10_000));

        assertEquals(2, slack.calls("chat.postMessage").size());
        assertEquals(1, slack.topLevelPosts().size());
    }

    @Test
    void slacksOwnTransientErrorsAreRetried() {
        slack.refuseNext("chat.postMessage", "internal_error");

        api().postMessage("C0123", message("ALARM"), null, Deadline.in(10_000));

        assertEquals(1, slack.topLevelPosts().size());
    }

    @Test
    void aRotatedTokenIsReadAgainWhenSlackRefusesTheOldOne() {
        String rotated = "xoxb-1111-2222-rotated";
        slack.acceptOnly(rotated);
        Secret token = new RotatedSecret("SLACK_BOT_TOKEN_PARAMETER", TOKEN, rotated);

        api(token).postMessage("C0123", message("ALARM"), null, Deadline.in(10_000));

        assertEquals(List.of("Bearer " + TOKEN, "Bearer " + rotated),
                slack.calls().stream().map(SlackWebApiStandIn.Call::authorization).toList());
    }

    @Test
    void aRefusedTokenThatCannotChangeFailsNamingTheErrorNotTheToken() {
        slack.acceptOnly("xoxb-another");

        DeliveryException failure = assertThrows(DeliveryException.class,
                () -> api().postMessage("C0123", message("ALARM"), null, Deadline.in(10_000)));

        assertEquals("invalid_auth", SlackWebApi.errorCode(failure));
        assertFalse(failure.getMessage().contains(TOKEN));
    }

    @Test
    void aMissingScopeSaysWhichScope() {
        slack.refuseNext("files.getUploadURLExternal", "missing_scope");

        DeliveryException failure = assertThrows(DeliveryException.class, () -> api().uploadFile(
                new PostedMessage("C0123", "1.2"), "chart.png", "chart", new byte[] {1, 2, 3}, Deadline.in(10_000)));

        assertEquals("missing_scope", SlackWebApi.errorCode(failure));
    }

    @Test
    void aFileIsUploadedThroughTheExternalFlowIntoTheThread() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};

        api().uploadFile(new PostedMessage("C0123", "1764558000.000001"), "checkout.png", "HealthyHostCount of checkout", png,
                Deadline.in(10_000));

        List<String> methods = slack.calls().stream().map(SlackWebApiStandIn.Call::method).toList();
        assertEquals(List.of("files.getUploadURLExternal", "files.completeUploadExternal"), methods);
        SlackWebApiStandIn.Call reserve = slack.calls().get(0);
        assertEquals(String.valueOf(png.length), reserve.argument("length"));
        assertEquals("checkout.png", reserve.argument("filename"));
        assertTrue(reserve.contentType().startsWith("application/x-www-form-urlencoded"));
        assertEquals(1, slack.uploads().size());
        assertEquals(png.length, slack.uploads().get(0).length);
        SlackWebApiStandIn.Call complete = slack.calls().get(1);
        assertEquals("C0123", complete.argument("channel_id"));
        assertEquals("1764558000.000001", complete.argument("thread_ts"));
        assertTrue(complete.argument("files").contains("HealthyHostCount of checkout"));
    }

    @Test
    void aPersonIsFoundByEmailOrNotFoundWithoutAnError() {
        slack.knowsUser("alice@example.com", "U0ALICE");

        assertEquals(java.util.Optional.of("U0ALICE"), api().userIdByEmail("alice@example.com", Deadline.in(10_000)));
        assertEquals(java.util.Optional.empty(), api().userIdByEmail("nobody@example.com", Deadline.in(10_000)));

        SlackWebApiStandIn.Call call = slack.calls("users.lookupByEmail").get(0);
        assertEquals("alice@example.com", call.argument("email"));
        assertEquals("Bearer " + TOKEN, call.authorization());
    }

    @Test
    void aLookupWithoutTheScopeFailsNamingIt() {
        slack.refuseNext("users.lookupByEmail", "missing_scope");

        DeliveryException failure = assertThrows(DeliveryException.class,
                () -> api().userIdByEmail("alice@example.com", Deadline.in(10_000)));

        assertEquals("missing_scope", SlackWebApi.errorCode(failure));
    }

    @Test
    void anApiUrlThatIsNeitherHttpsNorLoopbackIsRefusedAtStartUp() {
        assertThrows(IllegalArgumentException.class, () -> SlackWebApi.create(TestSecrets.plain("T", "x"),
                Map.of(SlackWebApi.API_URL_VARIABLE, "http://slack.example.com/api")::get, false));
    }
}
