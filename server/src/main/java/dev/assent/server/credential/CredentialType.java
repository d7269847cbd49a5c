package dev.assent.server.credential;

/** The push provider a credential is for. */
public enum CredentialType {
    APN,
    FCM
}
