package dev.assent.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;

/**
 * The account, service, entity and verified TOTP factor a store-level contract's rows belong to
 * ({@link ChallengeStoreContract}, {@link ChallengeListContract}): made through the server's API, as a backend
 * would, so the test writes only the rows under them.
 */
record FactorParents(Sid account, Sid service, Sid entity, Sid factor) {

    /** A verified TOTP factor for {@code identity} on {@code service} (the entity made on first use), and its parents. */
    static FactorParents create(ApiFixture api, String service, String identity) {
        String factor = api.verifiedTotpFactor(service, identity)[0];
        JsonNode fetched = api.http.get(api.auth, ApiFixture.entityPath(service, identity) + "/Factors/" + factor).json();
        return new FactorParents(new Sid(SidType.ACCOUNT, fetched.get("account_sid").asText()), new Sid(SidType.SERVICE, service),
                new Sid(SidType.ENTITY, fetched.get("entity_sid").asText()), new Sid(SidType.FACTOR, factor));
    }
}
