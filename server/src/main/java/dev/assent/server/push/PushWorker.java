package dev.assent.server.push;

import dev.assent.server.api.Transactions;
import dev.assent.server.challenge.Challenge;
import dev.assent.server.challenge.ChallengeStatus;
import dev.assent.server.challenge.ChallengeStore;
import dev.assent.server.credential.Credential;
import dev.assent.server.credential.CredentialStore;
import dev.assent.server.factor.Factor;
import dev.assent.server.factor.FactorStore;
import dev.assent.server.factor.NotificationPlatform;
import dev.assent.server.factor.PushBinding;
import dev.assent.server.service.VerifyService;
import dev.assent.server.sid.Sid;
import dev.assent.server.worker.Backoff;
import dev.assent.server.worker.CircuitBreakers;
import dev.assent.server.worker.LeaseLoop;
import dev.assent.server.worker.LeasedJobs;
import dev.assent.server.worker.WorkerSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers push jobs on a {@link LeaseLoop}: leases due jobs, sends each through its factor's
 * platform on a virtual thread (at most {@link WorkerSettings#pushConcurrency} at once, at most
 * {@link WorkerSettings#perAccount} for one account), and records the outcome. A transport failure is
 * retried with exponential backoff (5 s, 10 s, 20 s, …, at most 5 minutes apart) until the push's
 * TTL runs out or {@link #MAX_ATTEMPTS} attempts were made. A credential that keeps failing has its
 * jobs deferred by a circuit breaker. A node that dies mid-send leaves a lease that lapses, and any
 * node claims the job again; the attempt was counted when it was leased.
 */
public final class PushWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PushWorker.class);

    public static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    public static final Duration MAX_RETRY = Duration.ofMinutes(5);
    static final Backoff BACKOFF = new Backoff(FIRST_RETRY, MAX_RETRY);
    /** Attempts after which a push is given up even within its TTL. */
    public static final int MAX_ATTEMPTS = 10;

    private final PushJobStore jobs;
    private final Transactions transactions;
    private final ChallengeStore challenges;
    private final FactorStore factors;
    private final BiFunction<Sid, Sid, Optional<VerifyService>> services;
    private final CredentialStore credentials;
    private final PushSender apns;
    private final PushSender fcm;
    private final Clock clock;
    private final String owner = "node-" + UUID.randomUUID();
    private final CircuitBreakers breakers;
    private final LeaseLoop<PushJob> loop;

    /** Job writes (leases, outcomes) run through {@code transactions}, as the webhook dispatcher's do. */
    public PushWorker(PushJobStore jobs, Transactions transactions, ChallengeStore challenges, FactorStore factors,
            BiFunction<Sid, Sid, Optional<VerifyService>> services, CredentialStore credentials, PushSender apns, PushSender fcm,
            Clock clock, PushConfig config, WorkerSettings workers) {
        this.jobs = jobs;
        this.transactions = transactions;
        this.challenges = challenges;
        this.factors = factors;
        this.services = services;
        this.credentials = credentials;
        this.apns = apns;
        this.fcm = fcm;
        this.clock = clock;
        this.breakers = new CircuitBreakers(workers.breakerFailures(), workers.breakerCoolDown(), clock);
        this.loop = new LeaseLoop<>("assent-push", new Jobs(), transactions, clock, config.pollInterval(), config.lease(),
                workers.pushConcurrency(), workers.perAccount(), workers.stopGrace());
    }

    /** Whether its lease loop is running (for readiness). */
    public boolean alive() {
        return loop.alive();
    }

    public PushWorker start() {
        loop.start();
        return this;
    }

    /** Looks for due jobs now rather than at the next poll. */
    public void wake() {
        loop.wake();
    }

    /** The push jobs as the lease loop sees them. */
    private final class Jobs implements LeasedJobs<PushJob> {

        @Override
        public List<PushJob> due(Instant now, Set<String> fullAccounts, int limit) {
            return jobs.due(now, fullAccounts, limit);
        }

        @Override
        public Optional<PushJob> lease(PushJob candidate, Instant now, Instant until) {
            return jobs.lease(candidate.id(), owner, now, until);
        }

        @Override
        public String account(PushJob job) {
            return job.accountSid().value();
        }

        @Override
        public void run(PushJob job) {
            process(job);
        }

        @Override
        public void crashed(PushJob job, String reason) {
            if (!loop.abandoned()) {
                retry(job, reason, clock.instant());
            }
        }
    }

    private void process(PushJob job) {
        Instant now = clock.instant();
        if (job.attempts() > MAX_ATTEMPTS) {
            // Leased again and again without an outcome (each lease counts): give up unattempted.
            finish(job, PushJobStatus.EXPIRED, "no outcome after " + MAX_ATTEMPTS + " attempts", now);
            return;
        }
        Optional<Challenge> challenge = challenges.find(job.entitySid(), job.challengeSid());
        if (challenge.isEmpty() || challenge.get().at(now).status() != ChallengeStatus.PENDING) {
            finish(job, PushJobStatus.SKIPPED, "challenge no longer pending", now);
            return;
        }
        if (now.isAfter(job.expiresAt()) && job.attempts() > 1) {
            finish(job, PushJobStatus.EXPIRED, "ttl ran out", now);
            return;
        }
        Optional<Factor> factor = factors.find(job.entitySid(), job.factorSid());
        if (factor.isEmpty() || !(factor.get().binding() instanceof PushBinding binding)
                || binding.notificationPlatform() == NotificationPlatform.NONE || binding.notificationToken().isEmpty()) {
            finish(job, PushJobStatus.SKIPPED, "factor has no push platform and token", now);
            return;
        }
        String token = binding.notificationToken().get();
        if (jobs.tokenUnregistered(job.factorSid(), token)) {
            finish(job, PushJobStatus.UNREGISTERED, "token already reported unregistered", now);
            return;
        }
        Optional<Credential> credential = credential(job, binding.notificationPlatform());
        if (credential.isEmpty()) {
            retry(job, "service " + job.serviceSid() + " has no usable " + binding.notificationPlatform().wireName()
                    + " credential", now);
            return;
        }
        PushMessage message = new PushMessage(token, binding.appId(), job.challengeSid(), job.factorSid(),
                challenge.get().details().message().orElse(""), job.expiresAt());
        PushSender sender = switch (binding.notificationPlatform()) {
            case APN -> apns;
            case FCM -> fcm;
            case NONE -> throw new AssertionError("platform none was skipped above");
        };
        String breaker = credential.get().sid().value();
        if (!breakers.tryAcquire(breaker)) {
            Instant until = now.plus(breakers.coolDown());
            transactions.run(() -> jobs.defer(job.id(), owner, until, now));
            log.info("push for challenge {} deferred to {}: credential {} keeps failing", job.challengeSid(), until, breaker);
            return;
        }
        PushResult result;
        try {
            result = sender.send(credential.get(), message);
        } catch (PushTransportException e) {
            breakers.failed(breaker);
            retry(job, e.getMessage(), clock.instant());
            return;
        } catch (RuntimeException | Error e) {
            // Isolated and recorded by the lease loop; here it only counts against the credential.
            breakers.failed(breaker);
            throw e;
        }
        // A provider's answer, even a rejection, shows the credential works.
        breakers.succeeded(breaker);
        Instant done = clock.instant();
        switch (result) {
            case PushResult.Accepted a -> {
                finish(job, PushJobStatus.SENT, "accepted", done);
                log.info("push for challenge {} sent to factor {} ({})", job.challengeSid(), job.factorSid(),
                        binding.notificationPlatform().wireName());
            }
            case PushResult.Rejected r -> {
                finish(job, PushJobStatus.REJECTED, r.reason(), done);
                log.warn("push for challenge {} rejected by {}: {}", job.challengeSid(), binding.notificationPlatform(), r.reason());
            }
            case PushResult.Unregistered u -> {
                transactions.run(() -> {
                    jobs.markTokenUnregistered(job.factorSid(), token);
                    jobs.finish(job.id(), owner, PushJobStatus.UNREGISTERED, u.reason(), done);
                });
                log.warn("push token of factor {} reported unregistered by {}: {}", job.factorSid(), binding.notificationPlatform(),
                        u.reason());
            }
        }
    }

    private Optional<Credential> credential(PushJob job, NotificationPlatform platform) {
        return services.apply(job.accountSid(), job.serviceSid())
                .flatMap(s -> platform == NotificationPlatform.APN ? s.push().apnCredentialSid() : s.push().fcmCredentialSid())
                .flatMap(sid -> credentials.find(job.accountSid(), sid));
    }

    private void finish(PushJob job, PushJobStatus status, String detail, Instant now) {
        transactions.run(() -> jobs.finish(job.id(), owner, status, detail, now));
    }

    private void retry(PushJob job, String reason, Instant now) {
        Instant next = now.plus(backoff(job.attempts()));
        if (next.isAfter(job.expiresAt()) || job.attempts() >= MAX_ATTEMPTS) {
            finish(job, PushJobStatus.EXPIRED, reason, now);
            log.warn("push for challenge {} given up after {} attempts: {}", job.challengeSid(), job.attempts(), reason);
            return;
        }
        transactions.run(() -> jobs.retryAt(job.id(), owner, next, reason, now));
        log.warn("push for challenge {} failed (attempt {}), retrying at {}: {}", job.challengeSid(), job.attempts(), next, reason);
    }

    /** The wait after the {@code attempts}-th failed attempt: 5 s doubling, capped at 5 minutes. */
    static Duration backoff(int attempts) {
        return BACKOFF.after(attempts);
    }

    /** Stops leasing and gives sends in flight the stop grace to end; never interrupts. */
    @Override
    public void close() {
        loop.close();
        apns.close();
        fcm.close();
    }
}
