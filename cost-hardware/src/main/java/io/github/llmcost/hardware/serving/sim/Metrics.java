package io.github.llmcost.hardware.serving.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What the simulation measures, accumulated as requests finish (never stored per request): latency histograms,
 * counts, the time integrals of requests in the system and waiting (and their series over time), and the optional per-request CSV.
 */
final class Metrics {
    static final String CSV_HEADER =
            "arrival_s,replica,input_tokens,output_tokens,prefix_id,cached_tokens,ttft_s,tpot_s,e2e_s,finish_s";

    final LatencyHistogram ttft = new LatencyHistogram();
    final LatencyHistogram tpot = new LatencyHistogram();
    final LatencyHistogram e2e = new LatencyHistogram();
    private final double warmup;
    private final double ttftSlo;
    private final double tpotSlo;
    private final @Nullable Writer csv;

    long completed;
    long measured;
    long good;
    long outputTokens;
    long inputTokens;
    long preemptions;
    long lookups;
    long hits;
    long cachedTokens;
    long rejected;
    long windowCompleted;
    double windowEnd = Double.POSITIVE_INFINITY;
    double lastEvent;
    long maxWaiting;
    private long inSystem;
    private long waiting;
    private double inSystemSeconds;
    private double waitingSeconds;
    private double lastChange;
    final QueueSeries queue;

    Metrics(double warmup, double ttftSlo, double tpotSlo, @Nullable Writer csv, double horizonSeconds) {
        this.queue = new QueueSeries(horizonSeconds);
        this.warmup = warmup;
        this.ttftSlo = ttftSlo;
        this.tpotSlo = tpotSlo;
        this.csv = csv;
        if (csv != null) {
            write(CSV_HEADER + "\n");
        }
    }

    void arrived(double now) {
        advance(now);
        inSystem++;
    }

    /** Requests join ({@code delta > 0}) or leave a replica's waiting queue at {@code now}. */
    void queued(double now, int delta) {
        advance(now);
        waiting += delta;
    }

    /** Closes the time integrals at the end of the simulated time. */
    void end(double seconds) {
        advance(seconds);
    }

    private void advance(double now) {
        if (now > lastChange) {
            maxWaiting = Math.max(maxWaiting, waiting);
        }
        queue.advance(now, waiting, inSystem);
        waitingSeconds += waiting * (now - lastChange);
        inSystemSeconds += inSystem * (now - lastChange);
        lastChange = now;
        lastEvent = Math.max(lastEvent, now);
    }

    void prefixLookup(boolean hit, long tokens) {
        lookups++;
        if (hit) {
            hits++;
            cachedTokens += tokens;
        }
    }

    void preempted() {
        preemptions++;
    }

    void finished(Sequence s, double now) {
        advance(now);
        inSystem--;
        completed++;
        Request r = s.request;
        outputTokens += r.outputTokens();
        inputTokens += r.inputTokens();
        if (now >= warmup && now <= windowEnd) {
            windowCompleted++;
        }
        double first = s.firstToken - r.arrivalSeconds();
        double perToken = r.outputTokens() > 1 ? (now - s.firstToken) / (r.outputTokens() - 1) : 0;
        double total = now - r.arrivalSeconds();
        if (r.arrivalSeconds() >= warmup) {
            measured++;
            ttft.add(first);
            e2e.add(total);
            if (r.outputTokens() > 1) {
                tpot.add(perToken);
            }
            if (first <= ttftSlo && perToken <= tpotSlo) {
                good++;
            }
        }
        if (csv != null) {
            write(String.format(
                    Locale.ROOT,
                    "%.6f,%d,%d,%d,%d,%d,%.6f,%.6f,%.6f,%.6f%n",
                    r.arrivalSeconds(),
                    s.replica,
                    r.inputTokens(),
                    r.outputTokens(),
                    r.prefixId(),
                    s.cached,
                    first,
                    perToken,
                    total,
                    now));
        }
    }

    /** {@return the mean number of requests in the system (arrived, not finished) over the simulated time} */
    double meanInSystem(double seconds) {
        return seconds > 0 ? inSystemSeconds / seconds : 0;
    }

    /** {@return the mean number of requests waiting (queued, not admitted) over the simulated time} */
    double meanWaiting(double seconds) {
        return seconds > 0 ? waitingSeconds / seconds : 0;
    }

    private void write(String text) {
        Writer w = csv;
        if (w == null) {
            return;
        }
        try {
            w.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
