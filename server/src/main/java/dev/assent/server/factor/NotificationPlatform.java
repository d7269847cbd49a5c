package dev.assent.server.factor;

/** Where a push factor's challenges are announced: APNs, FCM, or nowhere (the device polls). */
public enum NotificationPlatform {
    APN, FCM, NONE
}
