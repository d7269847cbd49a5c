package dev.assent.server.push;

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
import dev.assent.server.sid.SidType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers push jobs: claims due jobs with a lease, sends each through its factor's platform, and
 * records the outcome. A transport failure is retried with exponential backoff (5 s, 10 s, 20 s, …,
 * at most 5 minutes apart) until the push's TTL runs out. A node that dies mid-send leaves a lease
 * that lapses, and any node claims the job again. One worker thread per node.
 */
public final class PushWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PushWorker.class);

    public static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    public static final Duration MAX_RETRY = Duration.ofMinutes(5);
    static final int BATCH = 16;

    private final PushJobStore jobs;
    private final ChallengeStore challenges;
    private final FactorStore factors;
    private final BiFunction<Sid, Sid, Optional<VerifyService>> services;
    private final CredentialStore credentials;
    private final PushSender apns;
    private final PushSender fcm;
    private final Clock clock;
    private final PushConfig config;
    private final String owner = "node-" + UUID.randomUUID();
    private final Semaphore wakeups = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;

    public PushWorker(PushJobStore jobs, ChallengeStore challenges, FactorStore factors,
            BiFunction<Sid, Sid, Optional<VerifyService>> services, CredentialStore credentials, PushSender apns, PushSender fcm,
            Clock clock, PushConfig config) {
        this.jobs = jobs;
        this.challenges = challenges;
        this.factors = factors;
        this.services = services;
        this.credentials = credentials;
        this.apns = apns;
        this.fcm = fcm;
        this.clock = clock;
        this.config = config;
        this.thread = Thread.ofPlatform().name("assent-push").daemon().unstarted(this::loop);
    }

    public PushWorker start() {
        thread.start();
        return this;
    }

    /** Looks for due jobs now rather than at the next poll. */
    public void wake() {
        wakeups.release();
    }

    private void loop() {
        while (running) {
            try {
                while (running && runDue() == BATCH) {
                    // A full batch: there may be more due.
                }
                wakeups.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // A database hiccup must not end delivery; the jobs stay pending and are retried.
                log.warn("push worker pass failed: {}", e.toString());
                try {
                    Thread.sleep(config.pollInterval().toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Claims and processes one batch of due jobs; returns how many it claimed. */
    int runDue() {
        List<PushJob> claimed = jobs.claimDue(owner, clock.instant(), config.lease(), BATCH);
        claimed.forEach(this::process);
        return claimed.size();
    }

    private void process(PushJob job) {
        Instant now = clock.instant();
        Optional<Challenge> challenge = challenges.find(job.entitySid(), job.challengeSid());
        if (challenge.isEmpty() || challenge.get().at(now).status() != ChallengeStatus.PENDING) {
            jobs.finish(job.id(), owner, PushJobStatus.SKIPPED, "challenge no longer pending", now);
            return;
        }
        if (now.isAfter(job.expiresAt()) && job.attempts() > 1) {
            jobs.finish(job.id(), owner, PushJobStatus.EXPIRED, "ttl ran out", now);
            return;
        }
        Optional<Factor> factor = factors.find(job.entitySid(), job.factorSid());
        if (factor.isEmpty() || !(factor.get().binding() instanceof PushBinding binding)
                || binding.notificationPlatform() == NotificationPlatform.NONE || binding.notificationToken().isEmpty()) {
            jobs.finish(job.id(), owner, PushJobStatus.SKIPPED, "factor has no push platform and token", now);
            return;
        }
        String token = binding.notificationToken().get();
        if (jobs.tokenUnregistered(job.factorSid(), token)) {
            jobs.finish(job.id(), owner, PushJobStatus.UNREGISTERED, "token already reported unregistered", now);
            return;
        }
        Optional<Credential> credential = credential(job, binding.notificationPlatform());
        if (credential.isEmpty()) {
            retry(job, "service " + job.serviceSid() + " has no usable " + binding.notificationPlatform().name().toLowerCase()
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
        PushResult result;
        try {
            result = sender.send(credential.get(), message);
        } catch (PushTransportException e) {
            retry(job, e.getMessage(), clock.instant());
            return;
        }
        Instant done = clock.instant();
        switch (result) {
            case PushResult.Accepted a -> {
                jobs.finish(job.id(), owner, PushJobStatus.SENT, "accepted", done);
                log.info("push for challenge {} sent to factor {} ({})", job.challengeSid(), job.factorSid(),
                        binding.notificationPlatform().name().toLowerCase());
            }
            case PushResult.Rejected r -> {
                jobs.finish(job.id(), owner, PushJobStatus.REJECTED, r.reason(), done);
                log.warn("push for challenge {} rejected by {}: {}", job.challengeSid(), binding.notificationPlatform(), r.reason());
            }
            case PushResult.Unregistered u -> {
                jobs.markTokenUnregistered(job.factorSid(), token);
                jobs.finish(job.id(), owner, PushJobStatus.UNREGISTERED, u.reason(), done);
                log.warn("push token of factor {} reported unregistered by {}: {}", job.factorSid(), binding.notificationPlatform(),
                        u.reason());
            }
        }
    }

    private Optional<Credential> credential(PushJob job, NotificationPlatform platform) {
        return services.apply(job.accountSid(), job.serviceSid())
                .flatMap(s -> platform == NotificationPlatform.APN ? s.push().apnCredentialSid() : s.push().fcmCredentialSid())
                .filter(sid -> Sid.matches(SidType.CREDENTIAL, sid))
                .flatMap(sid -> credentials.find(job.accountSid(), new Sid(SidType.CREDENTIAL, sid)));
    }

    private void retry(PushJob job, String reason, Instant now) {
        Instant next = now.plus(backoff(job.attempts()));
        if (next.isAfter(job.expiresAt())) {
            jobs.finish(job.id(), owner, PushJobStatus.EXPIRED, reason, now);
            log.warn("push for challenge {} given up after {} attempts: {}", job.challengeSid(), job.attempts(), reason);
            return;
        }
        jobs.retryAt(job.id(), owner, next, reason, now);
        log.warn("push for challenge {} failed (attempt {}), retrying at {}: {}", job.challengeSid(), job.attempts(), next, reason);
    }

    /** The wait after the {@code attempts}-th failed attempt: 5 s doubling, capped at 5 minutes. */
    static Duration backoff(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 16);
        Duration delay = FIRST_RETRY.multipliedBy(1L << doublings);
        return delay.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        apns.close();
        fcm.close();
    }
}
