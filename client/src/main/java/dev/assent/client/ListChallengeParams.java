package dev.assent.client;

import dev.assent.client.internal.Check;
import dev.assent.client.internal.Form;
import dev.assent.client.internal.Json;

/**
 * The parameters of ListChallenge: the filters {@code FactorSid}, {@code Status} and {@code Order},
 * {@code PageSize} (1–1000) and a client-side {@code limit} on the total number of challenges returned.
 *
 * @param factorSid {@code FactorSid} filter, or null
 * @param status    {@code Status} filter, or null
 * @param order     {@code Order}, or null for the server's ascending default
 * @param pageSize  {@code PageSize} 1–1000, or null; with only a limit, the limit (at most 1000) is sent
 * @param limit     the most challenges the stream returns, or null for all; never sent
 * @see <a href="https://www.twilio.com/docs/verify/api/challenge#read-multiple-challenge-resources">Twilio: Read Challenges</a>
 */
public record ListChallengeParams(String factorSid, ChallengeStatus status, ChallengeOrder order, Integer pageSize,
                                  Long limit) {

    /** Checks the factor SID and the paging ranges. */
    public ListChallengeParams {
        if (factorSid != null) {
            Check.sid("FactorSid", factorSid, "YF");
        }
        Paging.check(pageSize, limit);
    }

    /** No filter, server page size, no limit. */
    public static ListChallengeParams all() {
        return builder().build();
    }

    /** A builder; every parameter is optional. */
    public static Builder builder() {
        return new Builder();
    }

    Form toQuery() {
        return new Form()
                .add("FactorSid", factorSid)
                .add("Status", Json.wire(status))
                .add("Order", Json.wire(order))
                .add("PageSize", Paging.pageSize(pageSize, limit));
    }

    /** Collects the optional parameters of a {@link ListChallengeParams}. */
    public static final class Builder {
        private String factorSid;
        private ChallengeStatus status;
        private ChallengeOrder order;
        private Integer pageSize;
        private Long limit;

        private Builder() {
        }

        /** {@code FactorSid}: only challenges of this factor. */
        public Builder factorSid(String factorSid) {
            this.factorSid = factorSid;
            return this;
        }

        /** {@code Status}: only challenges in this state. */
        public Builder status(ChallengeStatus status) {
            this.status = status;
            return this;
        }

        /** {@code Order}: by creation date, ascending by default. */
        public Builder order(ChallengeOrder order) {
            this.order = order;
            return this;
        }

        /** {@code PageSize}: challenges per request, 1–1000. */
        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        /** The most challenges the stream returns in total (never sent to the server). */
        public Builder limit(long limit) {
            this.limit = limit;
            return this;
        }

        /** Checks the limits and freezes the parameters. */
        public ListChallengeParams build() {
            return new ListChallengeParams(factorSid, status, order, pageSize, limit);
        }
    }
}
