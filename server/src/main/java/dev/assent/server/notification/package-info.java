/**
 * The Challenge Notifications resource: requests to (re)send the push notification of a pending push
 * challenge. Recorded only for now; delivery through APNs and FCM comes later.
 */
package dev.assent.server.notification;
