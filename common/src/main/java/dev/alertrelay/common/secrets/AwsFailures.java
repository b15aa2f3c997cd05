package dev.alertrelay.common.secrets;

import dev.alertrelay.common.http.Deadline;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** One line about a failed AWS call that says what an operator needs: the error code, or that time ran out. */
final class AwsFailures {

    private AwsFailures() {
    }

    /** {@code AccessDeniedException (HTTP 400): User ... is not authorized ...}: AWS's messages name no secret. */
    static String describe(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return (code == null ? "error" : code) + " (HTTP " + e.statusCode() + ")" + (message == null ? "" : ": " + message);
    }

    static String describe(SdkClientException e, Deadline deadline) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return "no answer before the invocation's time ran out (" + deadline.remainingMillis() + " ms left; the SDK's "
                    + "retries included)";
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
