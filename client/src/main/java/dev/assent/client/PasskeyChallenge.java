package dev.assent.client;

/**
 * The answer to CreateChallengePasskeys ({@code POST …/Passkeys/Challenges}): the {@code pending} passkeys challenge
 * and the options to hand to the browser's {@code navigator.credentials.get()}.
 *
 * @param challenge the challenge ({@code factor_type} passkeys; entity and factor unknown until approved when
 *                  discoverable)
 * @param options   {@code options} as JSON text: {@code {"publicKey": PublicKeyCredentialRequestOptions}}
 */
public record PasskeyChallenge(Challenge challenge, String options) {
}
