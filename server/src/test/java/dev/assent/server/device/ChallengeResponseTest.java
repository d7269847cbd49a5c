package dev.assent.server.device;

import static dev.assent.server.device.TestVectors.APPROVE_AUTH_PAYLOAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assent.server.device.ChallengeResponse.Approved;
import dev.assent.server.device.ChallengeResponse.Denied;
import dev.assent.server.device.ChallengeResponse.Invalid;
import dev.assent.server.device.ChallengeResponse.Result;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChallengeResponseTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ECPublicKey KEY = DeviceKeys.parsePublicKey(TestVectors.PUBLIC_KEY);
    private static final String SDK_HEADER = "{\"typ\":\"JWT\",\"alg\":\"ES256\"}";

    /** What the server does: the body it rendered, restricted to the fields it listed in the header. */
    private static Map<String, JsonNode> signedFields(String body, String header) throws Exception {
        JsonNode challenge = JSON.readTree(body);
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (String name : header.split(",")) {
            fields.put(name, challenge.get(name));
        }
        return fields;
    }

    private static Map<String, JsonNode> vectorFields() throws Exception {
        return signedFields(TestVectors.CHALLENGE_BODY, TestVectors.SIGNATURE_FIELDS);
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void theDocumentedApprovalVerifiesAsApproved(Provider provider) throws Exception {
        assertThat(ChallengeResponse.verify(KEY, APPROVE_AUTH_PAYLOAD, vectorFields(), provider)).isEqualTo(new Approved());
    }

    @Test
    void theDefaultProviderVerifiesItToo() throws Exception {
        assertThat(ChallengeResponse.verify(KEY, APPROVE_AUTH_PAYLOAD, vectorFields())).isInstanceOf(Approved.class);
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void itIsInvalidWhenTheServersDetailsDiffer(Provider provider) throws Exception {
        Map<String, JsonNode> fields = vectorFields();
        ObjectNode details = fields.get("details").deepCopy();
        details.put("message", "Login request from elsewhere");
        fields.put("details", details);

        Result result = ChallengeResponse.verify(KEY, APPROVE_AUTH_PAYLOAD, fields, provider);

        assertThat(result).isInstanceOfSatisfying(Invalid.class, invalid -> assertThat(invalid.reason())
                .isEqualTo("signed field details differs from the challenge")
                .doesNotContain("Login"));
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void itIsInvalidWhenAListedFieldWasNotSigned(Provider provider) throws Exception {
        Map<String, JsonNode> fields = signedFields(TestVectors.CHALLENGE_BODY, TestVectors.SIGNATURE_FIELDS + ",date_updated");

        assertThat(ChallengeResponse.verify(KEY, APPROVE_AUTH_PAYLOAD, fields, provider))
                .isEqualTo(new Invalid("signed field date_updated is missing"));
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void itIsInvalidForAnotherChallenge(Provider provider) throws Exception {
        Map<String, JsonNode> fields = vectorFields();
        fields.put("sid", JSON.getNodeFactory().textNode("YC00000000000000000000000000000007"));

        assertThat(ChallengeResponse.verify(KEY, APPROVE_AUTH_PAYLOAD, fields, provider)).isInstanceOf(Invalid.class);
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void itIsInvalidWithAnotherDevicesKey(Provider provider) throws Exception {
        ECPublicKey other = (ECPublicKey) TestVectors.freshKeyPair("secp256r1").getPublic();

        assertThat(ChallengeResponse.verify(other, APPROVE_AUTH_PAYLOAD, vectorFields(), provider))
                .isEqualTo(new Invalid("signature does not verify with the factor's key"));
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void aFreshDeviceDenyingWithItsOwnKeyOrderAndEscapedSlashesIsDenied(Provider provider) throws Exception {
        KeyPair device = TestVectors.freshKeyPair("secp256r1");
        ECPublicKey stored = DeviceKeys.parsePublicKey(DeviceKeys.encode((ECPublicKey) device.getPublic()));
        String body = TestVectors.CHALLENGE_BODY.replace("\"Login request\"", "\"Log in to https://example.com/app?\"");
        // iOS-style: dictionary order, nested members reordered, "/" escaped, status first.
        String payload = "{\"status\":\"denied\",\"date_created\":\"2020-07-21T17:07:32Z\","
                + "\"details\":{\"fields\":[{\"value\":\"10.0.0.1\",\"label\":\"IP\"}],\"date\":\"2020-07-21T17:07:32Z\","
                + "\"message\":\"Log in to https:\\/\\/example.com\\/app?\"},"
                + "\"expiration_date\":\"2020-07-21T17:12:32Z\",\"hidden_details\":{\"ip\":\"10.0.0.1\"},"
                + "\"factor_sid\":\"YF00000000000000000000000000000003\",\"sid\":\"YC00000000000000000000000000000005\"}";
        String authPayload = TestVectors.signJws((ECPrivateKey) device.getPrivate(), "{\"alg\":\"ES256\",\"typ\":\"JWT\"}", payload);

        Result result = ChallengeResponse.verify(stored, authPayload, signedFields(body, TestVectors.SIGNATURE_FIELDS), provider);

        assertThat(result).isEqualTo(new Denied());
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void statusIsNotASignedFieldEvenWhenListed(Provider provider) throws Exception {
        Map<String, JsonNode> fields = signedFields(TestVectors.CHALLENGE_BODY, "status," + TestVectors.SIGNATURE_FIELDS);

        assertThat(ChallengeResponse.verify(KEY, APPROVE_AUTH_PAYLOAD, fields, provider)).isEqualTo(new Approved());
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void anyOtherStatusIsInvalid(Provider provider) throws Exception {
        ECPrivateKey device = TestVectors.vectorPrivateKey();
        for (String status : new String[] {"\"pending\"", "\"APPROVED\"", "null", "true", "[\"approved\"]"}) {
            String payload = "{\"sid\":\"YC00000000000000000000000000000005\",\"status\":" + status + "}";
            assertThat(ChallengeResponse.verify(KEY, TestVectors.signJws(device, SDK_HEADER, payload), Map.of("sid", text("YC00000000000000000000000000000005")), provider))
                    .as(status)
                    .isEqualTo(new Invalid("status is neither approved nor denied"));
        }
        String noStatus = "{\"sid\":\"YC00000000000000000000000000000005\"}";
        assertThat(ChallengeResponse.verify(KEY, TestVectors.signJws(device, SDK_HEADER, noStatus), Map.of("sid", text("YC00000000000000000000000000000005")), provider))
                .isInstanceOf(Invalid.class);
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void nullsNumbersAndUnlistedMembersCompareAsJson(Provider provider) throws Exception {
        ECPrivateKey device = TestVectors.vectorPrivateKey();
        String payload = "{\"sid\":\"YC1\",\"metadata\":null,\"count\":1.0,\"big\":1e2,\"extra\":\"ignored\",\"status\":\"approved\"}";
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        fields.put("sid", text("YC1"));
        fields.put("metadata", NullNode.getInstance());
        fields.put("count", IntNode.valueOf(1));
        fields.put("big", DoubleNode.valueOf(100));
        String authPayload = TestVectors.signJws(device, SDK_HEADER, payload);

        assertThat(ChallengeResponse.verify(KEY, authPayload, fields, provider)).isEqualTo(new Approved());

        fields.put("metadata", null); // a Java null stands for JSON null
        assertThat(ChallengeResponse.verify(KEY, authPayload, fields, provider)).isEqualTo(new Approved());

        fields.put("metadata", text("null"));
        assertThat(ChallengeResponse.verify(KEY, authPayload, fields, provider)).isInstanceOf(Invalid.class);

        fields.put("metadata", NullNode.getInstance());
        fields.put("count", IntNode.valueOf(2));
        assertThat(ChallengeResponse.verify(KEY, authPayload, fields, provider)).isInstanceOf(Invalid.class);

        fields.put("count", text("1"));
        assertThat(ChallengeResponse.verify(KEY, authPayload, fields, provider)).isInstanceOf(Invalid.class);
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void nestedArraysKeepTheirOrder(Provider provider) throws Exception {
        String payload = "{\"sid\":\"YC1\",\"list\":[\"b\",\"a\"],\"status\":\"approved\"}";
        String authPayload = TestVectors.signJws(TestVectors.vectorPrivateKey(), SDK_HEADER, payload);
        Map<String, JsonNode> fields = Map.of("sid", text("YC1"), "list", JSON.readTree("[\"a\",\"b\"]"));

        assertThat(ChallengeResponse.verify(KEY, authPayload, fields, provider)).isInstanceOf(Invalid.class);
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void aPayloadWithDuplicateMembersIsInvalid(Provider provider) throws Exception {
        String payload = "{\"sid\":\"YC1\",\"status\":\"denied\",\"status\":\"approved\"}";
        String authPayload = TestVectors.signJws(TestVectors.vectorPrivateKey(), SDK_HEADER, payload);

        assertThat(ChallengeResponse.verify(KEY, authPayload, Map.of("sid", text("YC1")), provider))
                .isEqualTo(new Invalid("payload is not a JSON object"));
    }

    @Test
    void otherAlgorithmsAreInvalid() throws Exception {
        String[] parts = APPROVE_AUTH_PAYLOAD.split("\\.");
        for (String header : new String[] {"{\"typ\":\"JWT\",\"alg\":\"none\"}", "{\"alg\":\"HS256\"}", "{\"alg\":\"ES384\"}", "{\"typ\":\"JWT\"}"}) {
            String token = TestVectors.b64url(header) + "." + parts[1] + "." + parts[2];
            assertThat(ChallengeResponse.verify(KEY, token, vectorFields())).as(header).isEqualTo(new Invalid("alg is not ES256"));
        }
    }

    @Test
    void otherHeaderMembersAreIgnored() throws Exception {
        String payload = "{\"sid\":\"YC1\",\"status\":\"approved\"}";
        String authPayload = TestVectors.signJws(TestVectors.vectorPrivateKey(), "{\"alg\":\"ES256\",\"kid\":\"whatever\",\"x\":[1]}", payload);

        assertThat(ChallengeResponse.verify(KEY, authPayload, Map.of("sid", text("YC1")))).isEqualTo(new Approved());
    }

    @Test
    void garbageAndOversizedPayloadsAreInvalid() throws Exception {
        Map<String, JsonNode> fields = vectorFields();
        String[] parts = APPROVE_AUTH_PAYLOAD.split("\\.");
        String[] inputs = {
            null, "", "garbage", "a.b.c", APPROVE_AUTH_PAYLOAD + ".x", parts[0] + "." + parts[1] + ".",
            parts[0] + "." + parts[1] + "." + parts[2] + "==", "A".repeat(ChallengeResponse.MAX_LENGTH + 1),
            parts[0] + "." + parts[1] + "." + parts[2].substring(0, 80),
        };
        for (String input : inputs) {
            assertThat(ChallengeResponse.verify(KEY, input, fields)).as("%s", input).isInstanceOf(Invalid.class);
        }
    }

    @Test
    void aTamperedPayloadIsInvalid() throws Exception {
        String[] parts = APPROVE_AUTH_PAYLOAD.split("\\.");
        String denied = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("approved", "denied");

        assertThat(ChallengeResponse.verify(KEY, parts[0] + "." + TestVectors.b64url(denied) + "." + parts[2], vectorFields()))
                .isEqualTo(new Invalid("signature does not verify with the factor's key"));
    }

    @Test
    void signedFieldsWithoutTheChallengeSidAreACallerError() throws Exception {
        Map<String, JsonNode> fields = vectorFields();
        fields.remove("sid");

        assertThatThrownBy(() -> ChallengeResponse.verify(KEY, APPROVE_AUTH_PAYLOAD, fields)).isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonNode text(String value) {
        return JSON.getNodeFactory().textNode(value);
    }
}
