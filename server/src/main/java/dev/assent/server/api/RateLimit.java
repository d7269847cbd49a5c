package dev.assent.server.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * At most {@code count} creations in any sliding {@code window}, e.g. Twilio's 50 challenges per
 * factor per hour. Written in configuration as {@code count/window}: {@code 50/1h}, {@code 100/24h},
 * {@code 10/30m}, {@code 5/90s}, {@code 7/2d}.
 */
public record RateLimit(int count, Duration window) {

    /** A deployment may widen a window, but a ledger older than this is never needed. */
    public static final Duration MAX_WINDOW = Duration.ofDays(31);

    private static final Pattern FORM = Pattern.compile("([0-9]{1,9})/([0-9]{1,6})([smhd])");

    public RateLimit {
        Objects.requireNonNull(window);
        if (count < 1) {
            throw new IllegalArgumentException("a rate limit allows at least 1, not " + count);
        }
        if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("a rate limit window is 1s to " + MAX_WINDOW.toDays() + "d, not " + window);
        }
    }

    /** The start of the window that ends at {@code now}: creations after it count. */
    public Instant windowStart(Instant now) {
        return now.minus(window);
    }

    /**
     * How long until the limit admits the next creation, when the oldest creation still in the
     * window (made at {@code oldest}) is the one that must age out of it.
     */
    public Duration retryAfter(Instant oldest, Instant now) {
        Duration wait = Duration.between(now, oldest.plus(window));
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /** A creation refused by {@code limit}, which admits the next one after {@code retryAfter}. */
    public record Refusal(RateLimit limit, Duration retryAfter) {
    }

    /**
     * Checks a creation against all of {@code limits}. {@code nthNewest} finds, for one limit, the
     * creation time of its {@code count()}-th newest creation in its window, if there are that
     * many (the one that must age out first). Of the limits reached, the refusal is the one that
     * lasts longest, so that a retry after its {@code Retry-After} passes every limit.
     */
    public static Optional<Refusal> check(List<RateLimit> limits, Function<RateLimit, Optional<Instant>> nthNewest, Instant now) {
        Optional<Refusal> longest = Optional.empty();
        for (RateLimit limit : limits) {
            Optional<Instant> blocking = nthNewest.apply(limit);
            if (blocking.isPresent()) {
                Refusal refusal = new Refusal(limit, limit.retryAfter(blocking.get(), now));
                if (longest.isEmpty() || refusal.retryAfter().compareTo(longest.get().retryAfter()) > 0) {
                    longest = Optional.of(refusal);
                }
            }
        }
        return longest;
    }

    /** The configuration form, e.g. {@code 50/1h}. */
    @Override
    public String toString() {
        return count + "/" + describe(window);
    }

    /** A window as configured: {@code 24h}, {@code 30m}, {@code 90s}, {@code 2d}. */
    public static String describe(Duration window) {
        long seconds = window.getSeconds();
        if (seconds % 86_400 == 0 && seconds >= 86_400 * 2) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    /**
     * Parses the value of an environment variable: {@code off} (no limit, an empty list) or one or
     * more comma-separated limits, all of which apply. A bad value throws an
     * {@link IllegalArgumentException} naming {@code variable} and quoting the value.
     */
    public static List<RateLimit> parseAll(String variable, String value) {
        String trimmed = value.strip();
        if (trimmed.equalsIgnoreCase("off")) {
            return List.of();
        }
        List<RateLimit> limits = new ArrayList<>();
        for (String part : trimmed.split(",", -1)) {
            Matcher m = FORM.matcher(part.strip().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw invalid(variable, value, "expected 'off' or limits like 50/1h,100/24h (count/window, window in s, m, h or d)");
            }
            Duration unit = switch (m.group(3)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                case "d" -> Duration.ofDays(1);
                default -> throw new AssertionError("the pattern admits only s, m, h and d");
            };
            try {
                limits.add(new RateLimit(Integer.parseInt(m.group(1)), unit.multipliedBy(Long.parseLong(m.group(2)))));
            } catch (IllegalArgumentException e) {
                throw invalid(variable, value, e.getMessage());
            }
        }
        return List.copyOf(limits);
    }

    /** Parses a plain positive count, or {@code off} (empty); used for caps that are not rates. */
    public static OptionalInt parseCount(String variable, String value) {
        String trimmed = value.strip();
        if (trimmed.equalsIgnoreCase("off")) {
            return OptionalInt.empty();
        }
        if (!trimmed.matches("[0-9]{1,9}") || Integer.parseInt(trimmed) < 1) {
            throw invalid(variable, value, "expected 'off' or a whole number of at least 1");
        }
        return OptionalInt.of(Integer.parseInt(trimmed));
    }

    private static IllegalArgumentException invalid(String variable, String value, String rule) {
        String shown = value.replaceAll("\\p{Cntrl}", "?");
        if (shown.length() > 64) {
            shown = shown.substring(0, 61) + "...";
        }
        return new IllegalArgumentException("invalid " + variable + "='" + shown + "': " + rule);
    }
}
