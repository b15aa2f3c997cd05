package dev.alertrelay.alarm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * CloudWatch's GetMetricWidgetImage on loopback (moto does not implement it), speaking the protocol the SDK's
 * CloudWatch client uses: Smithy RPC v2 CBOR (POST /service/GraniteServiceVersion20100801/operation/GetMetricWidgetImage,
 * a CBOR map in, {@code {"MetricWidgetImage": <bytes>}} out; errors as a CBOR map with {@code __type}).
 */
final class MetricWidgetImageStandIn implements AutoCloseable {

    /** The smallest valid PNG: 1x1, one grey pixel. */
    static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==");

    private static final CBORFactory CBOR = new CBORFactory();

    private final HttpServer server;
    private final List<String> widgets = new ArrayList<>();
    private volatile boolean refusing;

    private MetricWidgetImageStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "cloudwatch-stand-in");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    static MetricWidgetImageStandIn start() {
        try {
            return new MetricWidgetImageStandIn();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the CloudWatch stand-in", e);
        }
    }

    /** For {@code AWS_ENDPOINT_URL_CLOUDWATCH}. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on every request is refused as CloudWatch refuses a widget it cannot draw. */
    void refuse() {
        refusing = true;
    }

    /** The MetricWidget JSON of every request received. */
    synchronized List<String> widgets() {
        return List.copyOf(widgets);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] request = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        if (!path.endsWith("/operation/GetMetricWidgetImage")) {
            respond(exchange, 400, error("UnknownOperationException", "not implemented here: " + path));
            return;
        }
        synchronized (this) {
            widgets.add(metricWidget(request));
        }
        if (refusing) {
            respond(exchange, 400, error("InvalidParameterInput", "The metric widget could not be drawn"));
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = CBOR.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeFieldName("MetricWidgetImage");
            generator.writeBinary(PNG);
            generator.writeEndObject();
        }
        respond(exchange, 200, out.toByteArray());
    }

    private static String metricWidget(byte[] request) throws IOException {
        try (JsonParser parser = CBOR.createParser(request)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.FIELD_NAME && "MetricWidget".equals(parser.currentName())) {
                    parser.nextToken();
                    return parser.getText();
                }
            }
        }
        return null;
    }

    private static byte[] error(String type, String message) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = CBOR.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringField("__type", type);
            generator.writeStringField("message", message);
            generator.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/cbor");
        exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
