package dev.assent.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountTest {

    private static final Sid SID = Sid.generate(SidType.ACCOUNT);
    private static final Instant CREATED = Instant.parse("2026-01-15T10:00:00Z");
    private static final AuthToken PRIMARY = AuthToken.generate();
    private static final AuthToken SECONDARY = AuthToken.generate();

    @Test
    void withoutASecondaryOnlyThePrimaryIsAccepted() {
        Account account = new Account(SID, PRIMARY, CREATED);
        assertThat(account.acceptsToken(PRIMARY.reveal())).isTrue();
        assertThat(account.acceptsToken(SECONDARY.reveal())).isFalse();
        assertThat(account.acceptsToken(null)).isFalse();
        assertThat(account.acceptsToken("")).isFalse();
    }

    @Test
    void withASecondaryBothAreAcceptedAndNothingElse() {
        Account account = new Account(SID, PRIMARY, Optional.of(SECONDARY), CREATED, Optional.empty());
        assertThat(account.acceptsToken(PRIMARY.reveal())).isTrue();
        assertThat(account.acceptsToken(SECONDARY.reveal())).isTrue();
        assertThat(account.acceptsToken(PRIMARY.reveal() + SECONDARY.reveal())).isFalse();
        assertThat(account.acceptsToken(SECONDARY.reveal().substring(1))).isFalse();
    }

    @Test
    void anAccountIsActiveUntilDisabled() {
        assertThat(new Account(SID, PRIMARY, CREATED).active()).isTrue();
        assertThat(new Account(SID, PRIMARY, Optional.empty(), CREATED, Optional.of(CREATED)).active()).isFalse();
    }

    @Test
    void aSecondaryTokenIsRedactedInToString() {
        Account account = new Account(SID, PRIMARY, Optional.of(SECONDARY), CREATED, Optional.empty());
        assertThat(account.toString()).doesNotContain(PRIMARY.reveal()).doesNotContain(SECONDARY.reveal());
    }
}
