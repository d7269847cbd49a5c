package dev.assent.benchmark;

import java.util.List;

/**
 * The server's hot methods over one measured window, from a JFR recording ({@code --jfr}): the top frame of
 * each {@code jdk.ExecutionSample} (the method running Java code when the sampler looked), counted.
 *
 * @param samples   execution samples in the window
 * @param top       the most frequent top frames, most first, at most {@link #TOP}
 * @param recording where the recording was kept, or empty
 */
record ServerProfile(long samples, List<Frame> top, String recording) {

    static final int TOP = 10;
    static final ServerProfile NONE = new ServerProfile(0, List.of(), "");

    ServerProfile {
        top = List.copyOf(top);
    }

    /** A method ({@code package.Class.method}) and how many samples had it on top. */
    record Frame(String method, long samples) {
    }

    boolean present() {
        return samples > 0;
    }

    double percent(Frame frame) {
        return samples == 0 ? 0 : 100.0 * frame.samples() / samples;
    }
}
