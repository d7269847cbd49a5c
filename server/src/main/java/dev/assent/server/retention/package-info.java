/**
 * Retention: nothing Assent stores is kept forever. A background job on every node deletes, in small
 * bounded batches, the challenges (with their notifications and push jobs) and passkeys logins,
 * finished push jobs and webhook deliveries, spent access tokens and never-verified factors that are
 * past their retention period. Owns {@link dev.assent.server.retention.RetentionSettings}, the
 * {@link dev.assent.server.retention.RetentionStore} interface and the job.
 */
package dev.assent.server.retention;
