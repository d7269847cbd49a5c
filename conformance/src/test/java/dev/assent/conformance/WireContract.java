package dev.assent.conformance;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The wire contract every response must keep, checked on each exchange the suite makes.
 *
 * <ul>
 *   <li>2xx JSON bodies: the Twilio Verify v2 OpenAPI document (twilio-oai, copied into the test
 *       resources), validated for the path, method and status with Atlassian's validator.</li>
 *   <li>Error bodies: the spec declares no 4xx/5xx responses for these operations, so they are checked
 *       against Twilio's error shape {code:int, message:string, more_info:string, status:int}, with
 *       {@code status} equal to the HTTP status (VERIFY_API.md §6).</li>
 *   <li>Twilio's 2010 API ({@code /2010-04-01/…}, the Keys resource Assent serves for API keys) is not in
 *       the Verify spec, so its 2xx bodies are not validated against it; their dates must be RFC 2822
 *       ({@code Tue, 01 Dec 2026 10:00:00 +0000}), as that API writes them and twilio-java parses them.
 *       The Keys responses' fields are checked by {@code KeysIT} through twilio-java's own classes.</li>
 *   <li>Date fields: {@code yyyy-MM-dd'T'HH:mm:ss'Z'} exactly. The spec only says {@code date-time};
 *       the stricter form is what the mobile Verify SDKs can parse (docs/push-protocol.md §1), and a
 *       fractional second would break them.</li>
 * </ul>
 *
 * <p>Instances are immutable and thread-safe; one is shared by the whole run because building the
 * validator parses the 500 KB spec.
 */
final class WireContract {

    private static final String SPEC_RESOURCE = "/twilio_verify_v2.json";
    /** Twilio's accounts v1 auth-token operations, which twilio-java sends to accounts.twilio.com. */
    private static final String ACCOUNTS_SPEC_RESOURCE = "/twilio_accounts_v1_auth_tokens.json";
    private static final String ACCOUNTS_PATHS = "/v1/AuthTokens/";
    private static final Pattern WIRE_DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$");
    private static final Pattern RFC_2822_DATE =
            Pattern.compile("^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000$");
    /** Paths of Twilio's 2010 API, which the Verify spec does not describe. */
    private static final String API_2010 = "/2010-04-01/";
    private static final Set<String> DATE_FIELDS =
            Set.of("date_created", "date_updated", "date_responded", "expiration_date");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final class Holder {
        static final WireContract INSTANCE = new WireContract();
    }

    private final OpenApiInteractionValidator validator;
    private final OpenApiInteractionValidator accountsValidator;

    private WireContract() {
        // Nothing needs whitelisting so far: the validator ignores the unknown `format: uri-map` on
        // `links`, and every example in the spec validates against its own schema.
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(readSpec(SPEC_RESOURCE)).build();
        this.accountsValidator = OpenApiInteractionValidator.createForInlineApiSpecification(readSpec(ACCOUNTS_SPEC_RESOURCE)).build();
    }

    static WireContract instance() {
        return Holder.INSTANCE;
    }

    /** Checks one response; throws {@link AssertionError} describing every violation. */
    void check(Exchange exchange) {
        List<String> violations = violations(exchange);
        if (!violations.isEmpty()) {
            throw new AssertionError("Response breaks the Verify v2 wire contract:\n  - "
                    + String.join("\n  - ", violations) + "\n" + exchange.describe());
        }
    }

    List<String> violations(Exchange exchange) {
        int status = exchange.status();
        List<String> violations = new ArrayList<>();
        if (status == 204) {
            if (!exchange.responseBody().isEmpty()) {
                violations.add("204 must have an empty body");
            }
            return violations;
        }
        if (!exchange.responseContentType().toLowerCase(Locale.ROOT).startsWith("application/json")) {
            violations.add("Content-Type must be application/json, was '" + exchange.responseContentType() + "'");
        }
        JsonNode body;
        try {
            body = JSON.readTree(exchange.responseBody());
        } catch (JsonProcessingException e) {
            violations.add("body is not JSON: " + e.getOriginalMessage());
            return violations;
        }
        if (body == null || !body.isObject()) {
            violations.add("body must be a JSON object");
            return violations;
        }
        if (status >= 200 && status < 300 && exchange.uri().getRawPath().startsWith(API_2010)) {
            dates2010Violations(body, "", violations);
        } else if (status >= 200 && status < 300) {
            violations.addAll(specViolations(exchange));
            dateViolations(body, "", violations);
        } else if (status >= 400) {
            violations.addAll(errorBodyViolations(body, status));
        } else {
            violations.add("unexpected HTTP status " + status);
        }
        return violations;
    }

    /** The 2010 API's dates, at any depth: RFC 2822 in UTC. */
    private static void dates2010Violations(JsonNode node, String path, List<String> violations) {
        node.properties().forEach(field -> {
            JsonNode value = field.getValue();
            String where = path + "/" + field.getKey();
            if (DATE_FIELDS.contains(field.getKey()) && value.isTextual() && !RFC_2822_DATE.matcher(value.asText()).matches()) {
                violations.add(where + " must be an RFC 2822 date (Tue, 01 Dec 2026 10:00:00 +0000), was '" + value.asText() + "'");
            }
            if (value.isObject()) {
                dates2010Violations(value, where, violations);
            }
            if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    dates2010Violations(value.get(i), where + "/" + i, violations);
                }
            }
        });
    }

    private List<String> specViolations(Exchange exchange) {
        SimpleResponse response = SimpleResponse.Builder.status(exchange.status())
                .withContentType("application/json")
                .withBody(exchange.responseBody())
                .build();
        OpenApiInteractionValidator against = exchange.uri().getRawPath().startsWith(ACCOUNTS_PATHS) ? accountsValidator : validator;
        ValidationReport report = against.validateResponse(
                exchange.uri().getRawPath(), Request.Method.valueOf(exchange.method()), response);
        List<String> violations = new ArrayList<>();
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() == ValidationReport.Level.ERROR) {
                violations.add("[spec " + message.getKey() + "] " + message.getMessage());
            }
        }
        return violations;
    }

    /** Twilio's error body: VERIFY_API.md §6; twilio-java needs at least status and message. */
    static List<String> errorBodyViolations(JsonNode body, int httpStatus) {
        List<String> violations = new ArrayList<>();
        if (!body.path("code").isInt()) {
            violations.add("error body: 'code' must be an integer");
        }
        if (!body.path("message").isTextual() || body.path("message").asText().isBlank()) {
            violations.add("error body: 'message' must be a non-empty string");
        }
        if (!body.path("more_info").isTextual()) {
            violations.add("error body: 'more_info' must be a string");
        }
        if (!body.path("status").isInt()) {
            violations.add("error body: 'status' must be an integer");
        } else if (body.path("status").asInt() != httpStatus) {
            violations.add("error body: 'status' " + body.path("status").asInt()
                    + " differs from the HTTP status " + httpStatus);
        }
        return violations;
    }

    private static void dateViolations(JsonNode node, String path, List<String> violations) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String name = field.getKey();
                JsonNode value = field.getValue();
                boolean isDate = DATE_FIELDS.contains(name) || (name.equals("date") && path.endsWith("/details"));
                if (isDate && value.isTextual() && !WIRE_DATE.matcher(value.asText()).matches()) {
                    violations.add("date " + path + "/" + name + " = '" + value.asText()
                            + "' is not yyyy-MM-dd'T'HH:mm:ss'Z'");
                }
                dateViolations(value, path + "/" + name, violations);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                dateViolations(node.get(i), path + "/" + i, violations);
            }
        }
    }

    private static String readSpec(String resource) {
        try (InputStream in = WireContract.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
