/**
 * The one shape of Assent's background delivery workers (push jobs, webhook deliveries): a
 * {@link dev.assent.server.worker.LeaseLoop} that leases due rows and runs each on a virtual thread
 * under a global and a per-account cap, isolating every job's failure; per-key
 * {@link dev.assent.server.worker.CircuitBreakers} that defer the jobs of a failing credential or
 * receiver; one {@link dev.assent.server.worker.Backoff} function; and a
 * {@link dev.assent.server.worker.PeriodicTask} for sweeps. What a job sends and how its outcome is
 * classified stays in its feature package.
 */
package dev.assent.server.worker;
