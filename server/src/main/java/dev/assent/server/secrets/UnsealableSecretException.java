package dev.assent.server.secrets;

/**
 * A stored secret that does not open: sealed with a key the keyring lacks, with another key of the
 * same id, for another row, or altered. Never a wrong answer: the caller fails.
 */
public final class UnsealableSecretException extends RuntimeException {

    UnsealableSecretException(String message) {
        super(message);
    }
}
