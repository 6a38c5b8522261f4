package io.github.llmcost.hardware.serving.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The requests waiting and in the system over time, in bounded memory: at most {@value #CAPACITY} intervals of equal
 * length, each holding the time integrals of both counts; when the array is full, neighbouring pairs merge and the
 * interval doubles. The first interval is the horizon over {@value #INITIAL} (one second without a horizon), so a run
 * that ends at its horizon has {@value #INITIAL} points.
 *
 * <p>Not thread-safe.
 */
final class QueueSeries {
    /** The most intervals held: {@value}. */
    static final int CAPACITY = 256;

    /** The intervals a run ending at its horizon is cut into: {@value}. */
    static final int INITIAL = 128;

    private final double[] waitingSeconds = new double[CAPACITY];
    private final double[] systemSeconds = new double[CAPACITY];
    private double interval;
    private int closed;
    private double openWaiting;
    private double openSystem;
    private double last;

    QueueSeries(double horizonSeconds) {
        this.interval = horizonSeconds > 0 ? horizonSeconds / INITIAL : 1;
    }

    /** The counts held from the last call's time until {@code now}. */
    void advance(double now, long waiting, long inSystem) {
        double t = last;
        double end = (closed + 1) * interval;
        while (now > end) {
            openWaiting += waiting * (end - t);
            openSystem += inSystem * (end - t);
            close();
            t = end;
            end = (closed + 1) * interval;
        }
        openWaiting += waiting * (now - t);
        openSystem += inSystem * (now - t);
        last = now;
    }

    private void close() {
        waitingSeconds[closed] = openWaiting;
        systemSeconds[closed] = openSystem;
        openWaiting = 0;
        openSystem = 0;
        closed++;
        if (closed == CAPACITY) {
            for (int i = 0; i < CAPACITY / 2; i++) {
                waitingSeconds[i] = waitingSeconds[2 * i] + waitingSeconds[2 * i + 1];
                systemSeconds[i] = systemSeconds[2 * i] + systemSeconds[2 * i + 1];
            }
            closed = CAPACITY / 2;
            interval *= 2;
        }
    }

    /** {@return the length of each interval, seconds} */
    double intervalSeconds() {
        return interval;
    }

    /** {@return the points: one per closed interval, then the open one if time has passed in it} */
    List<QueuePoint> points() {
        List<QueuePoint> out = new ArrayList<>(closed + 1);
        for (int i = 0; i < closed; i++) {
            out.add(point(i * interval, interval, waitingSeconds[i], systemSeconds[i]));
        }
        double start = closed * interval;
        if (last > start) {
            out.add(point(start, last - start, openWaiting, openSystem));
        }
        return Collections.unmodifiableList(out);
    }

    private static QueuePoint point(double start, double length, double waiting, double system) {
        return new QueuePoint(start, waiting / length, (system - waiting) / length);
    }
}
