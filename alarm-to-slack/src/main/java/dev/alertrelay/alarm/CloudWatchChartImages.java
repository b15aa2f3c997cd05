package dev.alertrelay.alarm;

import dev.alertrelay.common.aws.AwsClients;
import dev.alertrelay.common.aws.OnFirstUse;
import dev.alertrelay.common.http.Deadline;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * CloudWatch's {@code GetMetricWidgetImage} (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricWidgetImage.html)
 * through the SDK client, built on first use like every AWS client here ({@link AwsClients}). Needs
 * {@code cloudwatch:GetMetricWidgetImage}.
 */
final class CloudWatchChartImages implements AlarmCharts.ChartImages {

    private final Supplier<CloudWatchClient> client;

    CloudWatchChartImages(Function<String, String> env) {
        this.client = OnFirstUse.of(() -> AwsClients.configured(CloudWatchClient.builder(), env).build());
    }

    @Override
    public byte[] draw(String metricWidgetJson, Deadline deadline) {
        return client.get().getMetricWidgetImage(r -> r.metricWidget(metricWidgetJson).outputFormat("png")
                .overrideConfiguration(AwsClients.within(deadline))).metricWidgetImage().asByteArray();
    }
}
