package dev.assent.client;

/**
 * The answer to CreateNewFactorPasskey ({@code POST …/Passkeys/Factors}): the new {@code unverified} passkeys factor and
 * the options to hand to the browser's {@code navigator.credentials.create()}.
 *
 * @param factor  the factor ({@code factor_type} passkeys)
 * @param options {@code options} as JSON text: {@code {"publicKey": PublicKeyCredentialCreationOptions}}, returned
 *                only on creation
 */
public record PasskeyFactor(Factor factor, String options) {
}
