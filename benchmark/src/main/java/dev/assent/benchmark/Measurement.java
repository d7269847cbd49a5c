package dev.assent.benchmark;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The latencies and errors of one phase (warm-up or measured), written concurrently by every client.
 * HdrHistogram {@link Recorder}s take values from many threads without locks; latencies are kept in
 * microseconds with three significant digits.
 */
final class Measurement {

    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(120);
    private static final int KEPT_ERROR_SAMPLES = 5;

    private final Map<Step, Recorder> recorders = new EnumMap<>(Step.class);
    private final LongAdder errors = new LongAdder();
    private final Queue<String> samples = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sampled = new AtomicInteger();

    Measurement() {
        for (Step step : Step.values()) {
            recorders.put(step, new Recorder(HIGHEST_MICROS, 3));
        }
    }

    void record(Step step, long nanos) {
        recorders.get(step).recordValue(Math.min(HIGHEST_MICROS, Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos))));
    }

    /** Counts a failed request or round trip; the first few are kept for the report. */
    void error(Step step, String detail) {
        errors.increment();
        if (sampled.getAndIncrement() < KEPT_ERROR_SAMPLES) {
            samples.add(step.label() + ": " + detail);
        }
    }

    long errors() {
        return errors.sum();
    }

    List<String> errorSamples() {
        return new ArrayList<>(samples);
    }

    /** Everything recorded so far, per step; call once, after the clients have stopped. */
    Map<Step, Histogram> histograms() {
        Map<Step, Histogram> histograms = new EnumMap<>(Step.class);
        recorders.forEach((step, recorder) -> histograms.put(step, recorder.getIntervalHistogram()));
        return histograms;
    }
}
