/**
 * The Challenge Notifications resource: requests to (re)send the push notification of a pending push
 * challenge. Each one queues a push (see dev.assent.server.push) in the transaction that records it.
 */
package dev.assent.server.notification;
