package dev.alertrelay.common.alarm;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.alertrelay.common.alarm.FirstNonNull.firstNonNull;

/**
 * An alarm's metric queries ({@code Metrics[]} of metric math and anomaly detection alarms), read once for both
 * spellings CloudWatch uses: PascalCase with dimensions as name/value pairs in SNS messages, camelCase with dimensions
 * as a map in the alarm data of the direct Lambda action and EventBridge.
 */
final class MetricQueries {

    /** The key names of one spelling. */
    record Spelling(String id, String expression, String label, String returnData, String metricStat, String metric,
                    String namespace, String metricName, String dimensions, String stat, String period, boolean dimensionsAsMap) {
    }

    static final Spelling SNS = new Spelling("Id", "Expression", "Label", "ReturnData", "MetricStat", "Metric", "Namespace",
            "MetricName", "Dimensions", "Stat", "Period", false);
    static final Spelling ALARM_DATA = new Spelling("id", "expression", "label", "returnData", "metricStat", "metric",
            "namespace", "name", "dimensions", "stat", "period", true);

    private MetricQueries() {
    }

    static List<MetricQuery> read(JsonArray array, Spelling keys) {
        List<MetricQuery> queries = new ArrayList<>();
        for (int i = 0; array != null && i < array.size(); i++) {
            JsonObject entry = Json.objectAt(array, i);
            if (entry == null) {
                continue;
            }
            JsonObject stat = Json.object(entry, keys.metricStat());
            JsonObject metric = Json.object(stat, keys.metric());
            queries.add(new MetricQuery(
                    Json.string(entry, keys.id(), null),
                    Json.string(entry, keys.expression(), null),
                    Json.string(entry, keys.label(), null),
                    !"false".equals(Json.string(entry, keys.returnData())),
                    Json.string(metric, keys.namespace(), null),
                    Json.string(metric, keys.metricName(), null),
                    keys.dimensionsAsMap() ? fromMap(Json.object(metric, keys.dimensions()))
                            : fromPairs(Json.array(metric, keys.dimensions())),
                    Json.string(stat, keys.stat(), null),
                    Json.integer(stat, keys.period())));
        }
        return queries;
    }

    /** {@code {"InstanceId": "i-..."}}, as the alarm data writes dimensions. */
    static List<Dimension> fromMap(JsonObject map) {
        List<Dimension> dimensions = new ArrayList<>();
        if (map != null) {
            for (Map.Entry<String, JsonElement> entry : map.entrySet()) {
                String value = Json.string(map, entry.getKey());
                dimensions.add(new Dimension(entry.getKey(), value == null ? "" : value));
            }
        }
        return dimensions;
    }

    /** {@code [{"name": ..., "value": ...}]}; CloudWatch writes lower-case keys here, other tools capitalised ones. */
    static List<Dimension> fromPairs(JsonArray array) {
        List<Dimension> dimensions = new ArrayList<>();
        for (int i = 0; array != null && i < array.size(); i++) {
            JsonObject entry = Json.objectAt(array, i);
            String name = firstNonNull(Json.string(entry, "name", null), Json.string(entry, "Name", null));
            if (name != null) {
                String value = firstNonNull(Json.string(entry, "value"), Json.string(entry, "Value"));
                dimensions.add(new Dimension(name, value == null ? "" : value));
            }
        }
        return dimensions;
    }
}
