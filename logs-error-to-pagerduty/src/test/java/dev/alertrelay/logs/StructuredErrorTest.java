package dev.alertrelay.logs;

import dev.alertrelay.common.json.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StructuredErrorTest {

    private static StructuredError in(String json) {
        return StructuredError.in(Json.parseObject(json));
    }

    @Test
    void anErrorObjectUnderAnUnconventionalKeyIsFound() {
        StructuredError error = in("{\"message\":\"Order could not be reserved\",\"myKey\":{\"name\":\"ConditionalCheckFailedException\","
                + "\"location\":\"/var/task/index.js:42\",\"message\":\"The conditional request failed\",\"stack\":\"ConditionalCheckFailedException: x\"}}");
        assertEquals("ConditionalCheckFailedException: The conditional request failed", error.line());
        assertTrue(error.stack().startsWith("ConditionalCheckFailedException"));
    }

    @Test
    void anObjectWithAMessageButNoTypeOrStackIsNotAnError() {
        assertNull(in("{\"message\":\"saved\",\"order\":{\"message\":\"gift wrap please\",\"id\":7}}"));
    }

    @Test
    void structlogsDictTracebacksNameTheExceptionAndItsValue() {
        StructuredError error = in("{\"event\":\"x\",\"exception\":[{\"exc_type\":\"ValueError\",\"exc_value\":\"amount must be positive\","
                + "\"frames\":[{\"filename\":\"/var/task/pay.py\",\"lineno\":31,\"name\":\"capture\"}]}]}");
        assertEquals("ValueError: amount must be positive", error.line());
        assertTrue(error.stack().contains("pay.py"), error.stack());
    }

    @Test
    void serilogsExceptionTextNamesItsClassOnItsFirstLine() {
        StructuredError error = in("{\"@mt\":\"x\",\"@x\":\"System.InvalidOperationException: Queue missing\\n   at Shop.P.Publish()\"}");
        assertEquals("System.InvalidOperationException: Queue missing", error.line());
    }

    @Test
    void datadogAndEcsFlatKeysAreRead() {
        assertEquals("TimeoutError: timed out", in("{\"error.kind\":\"TimeoutError\",\"error.message\":\"timed out\"}").line());
        assertEquals("java.io.IOException: closed", in("{\"error.type\":\"java.io.IOException\",\"error.message\":\"closed\"}").line());
    }

    @Test
    void javasWrappedInitialiserErrorReadsAsItsCause() {
        StructuredError error = in("{\"errorType\":\"java.lang.ExceptionInInitializerError\",\"errorMessage\":\"\",\"cause\":"
                + "{\"errorType\":\"java.lang.IllegalStateException\",\"errorMessage\":\"TABLE_NAME is not set\",\"stackTrace\":[\"shop.Db.<clinit>(Db.java:9)\"]}}");
        assertEquals("java.lang.IllegalStateException: TABLE_NAME is not set", error.line());
    }

    @Test
    void theRuntimesWrappersReadAsTheErrorTheyWrap() {
        assertEquals("ModuleNotFoundError: No module named 'requests'", in("{\"errorType\":\"Runtime.ImportModuleError\","
                + "\"errorMessage\":\"Unable to import module 'lambda_function': No module named 'requests'\"}").line());
        assertEquals("ImportError: cannot import name 'x' from 'y'", in("{\"errorType\":\"Runtime.ImportModuleError\","
                + "\"errorMessage\":\"Unable to import module 'app': cannot import name 'x' from 'y'\"}").line());
        assertEquals("SyntaxError: invalid syntax (app.py, line 3)", in("{\"errorType\":\"Runtime.UserCodeSyntaxError\","
                + "\"errorMessage\":\"Syntax error in module 'app': invalid syntax (app.py, line 3)\"}").line());
        assertEquals("SyntaxError: Unexpected token '}'", in("{\"errorType\":\"Runtime.UserCodeSyntaxError\","
                + "\"errorMessage\":\"SyntaxError: Unexpected token '}'\"}").line());
        assertEquals("NoMethodError: undefined method `total'", in("{\"errorType\":\"Function<NoMethodError>\","
                + "\"errorMessage\":\"undefined method `total'\"}").line());
        assertEquals("Runtime.HandlerNotFound: index.handler is undefined or not exported", in("{\"errorType\":\"Runtime.HandlerNotFound\","
                + "\"errorMessage\":\"index.handler is undefined or not exported\"}").line());
    }

    @Test
    void aLineWithManyKeysIsSearchedOnlySoFar() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 10_000; i++) {
            json.append("\"k").append(i).append("\":{\"message\":\"m\"},");
        }
        json.append("\"late\":{\"name\":\"TypeError\",\"message\":\"x\"}}");
        assertNull(in(json.toString()));
    }
}
