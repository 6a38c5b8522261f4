package io.github.llmcost.economics;

import io.github.llmcost.core.Workload;
import io.github.llmcost.core.internal.Check;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collector;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A design-space sweep: deployments crossed with prompt lengths, output lengths and batch sizes, each point an
 * {@link Estimate} reduced to a {@link SweepPoint}. Over one deployment, {@link #over(Deployment)}; over every
 * combination of models, chips, weight and KV formats, {@link #builder()}.
 *
 * <p>Points are computed as they are consumed, never held all at once: a sweep of millions streams. Each deployment
 * compiles once, and all its points reuse it. {@link #stream()} runs on the calling thread, {@link #parallelStream()} on
 * the common fork-join pool; both give the points in the same order (deployments outermost, batch sizes innermost) and
 * the same values.
 *
 * <pre>{@code
 * Sweep.over(deployment).batchSizes(1, 8, 64).promptTokens(1024, 8192).stream().filter(SweepPoint::feasible).count();
 *
 * Sweep sweep = Sweep.builder()
 *     .models(ModelPresets.LLAMA_3_1_8B, ModelPresets.QWEN3_14B)
 *     .hardware(HardwarePresets.H100_SXM, HardwarePresets.A100_80GB)
 *     .weightFormats(NumericFormat.BF16, NumericFormat.INT4)
 *     .promptTokens(1024, 8192, 32768)
 *     .batchSizes(1, 8, 64)
 *     .build();
 * sweep.size();                                    // 72
 * sweep.stream().filter(p -> p.feasible() && p.hasPrice())
 *     .min(Comparator.comparingDouble(SweepPoint::costPerMillionOutputTokensUsd));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Sweep {
    private final List<Deployment> deployments;
    private final long[] promptTokens;
    private final long[] outputTokens;
    private final int[] batchSizes;
    private final long sharedPrefixTokens;

    private Sweep(
            List<Deployment> deployments,
            long[] promptTokens,
            long[] outputTokens,
            int[] batchSizes,
            long sharedPrefixTokens) {
        nonEmpty("deployments", deployments.size());
        nonEmpty("promptTokens", promptTokens.length);
        nonEmpty("outputTokens", outputTokens.length);
        nonEmpty("batchSizes", batchSizes.length);
        for (long p : promptTokens) {
            Check.positive("promptTokens", p);
        }
        for (long o : outputTokens) {
            Check.nonNegative("outputTokens", o);
        }
        for (int b : batchSizes) {
            Check.positive("batchSizes", b);
        }
        Check.nonNegative("sharedPrefixTokens", sharedPrefixTokens);
        this.deployments = List.copyOf(deployments);
        this.promptTokens = promptTokens.clone();
        this.outputTokens = outputTokens.clone();
        this.batchSizes = batchSizes.clone();
        this.sharedPrefixTokens = sharedPrefixTokens;
        long size = (long) batchSizes.length * outputTokens.length * promptTokens.length;
        if (size / batchSizes.length / outputTokens.length != promptTokens.length
                || Long.MAX_VALUE / size < deployments.size()) {
            throw new IllegalArgumentException("sweep size overflows a long");
        }
    }

    /**
     * A sweep of one deployment: one 1,024-token prompt, 256 output tokens and batch 1 until the axes are set.
     *
     * @param deployment the deployment
     * @return the sweep
     */
    public static Sweep over(Deployment deployment) {
        return new Sweep(
                List.of(Objects.requireNonNull(deployment, "deployment")),
                new long[] {1024},
                new long[] {256},
                new int[] {1},
                0);
    }

    /** {@return a builder of a sweep over models, chips and formats: one output length (256), batch 1, BF16} */
    public static SweepBuilder builder() {
        return new SweepBuilder();
    }

    /** A sweep of deployments and workload axes, checked: what {@link SweepBuilder#build()} returns. */
    static Sweep of(
            List<Deployment> deployments,
            long[] promptTokens,
            long[] outputTokens,
            int[] batchSizes,
            long sharedPrefixTokens) {
        return new Sweep(deployments, promptTokens, outputTokens, batchSizes, sharedPrefixTokens);
    }

    /**
     * A copy with other prompt lengths.
     *
     * @param tokens at least one, each {@code >= 1}
     * @return the copy
     */
    public Sweep promptTokens(long... tokens) {
        return new Sweep(deployments, tokens, outputTokens, batchSizes, sharedPrefixTokens);
    }

    /**
     * A copy with other output lengths.
     *
     * @param tokens at least one, each {@code >= 0}
     * @return the copy
     */
    public Sweep outputTokens(long... tokens) {
        return new Sweep(deployments, promptTokens, tokens, batchSizes, sharedPrefixTokens);
    }

    /**
     * A copy with other batch sizes.
     *
     * @param sizes at least one, each {@code >= 1}
     * @return the copy
     */
    public Sweep batchSizes(int... sizes) {
        return new Sweep(deployments, promptTokens, outputTokens, sizes, sharedPrefixTokens);
    }

    /**
     * A copy whose requests share a cached prompt prefix.
     *
     * @param tokens leading prompt tokens every request shares, {@code >= 0} and at most every prompt
     * @return the copy
     */
    public Sweep sharedPrefixTokens(long tokens) {
        return new Sweep(deployments, promptTokens, outputTokens, batchSizes, tokens);
    }

    /** {@return how many points the sweep has} */
    public long size() {
        return (long) deployments.size() * promptTokens.length * outputTokens.length * batchSizes.length;
    }

    /** {@return the points, computed one at a time on the calling thread} */
    public Stream<SweepPoint> stream() {
        return LongStream.range(0, size()).mapToObj(this::point);
    }

    /** {@return the points, computed in parallel on the common fork-join pool, in the same order} */
    public Stream<SweepPoint> parallelStream() {
        return LongStream.range(0, size()).parallel().mapToObj(this::point);
    }

    /**
     * Collects every point.
     *
     * @param collector how to reduce the points
     * @param <R> the result
     * @return the collected result
     */
    public <R> R collect(Collector<? super SweepPoint, ?, R> collector) {
        return stream().collect(collector);
    }

    /**
     * Writes every point as CSV, a header line first.
     *
     * @param out where to write
     * @throws IOException if writing fails
     */
    public void writeCsv(Appendable out) throws IOException {
        out.append(SweepPoint.CSV_HEADER).append('\n');
        java.util.Iterator<SweepPoint> points = stream().iterator();
        while (points.hasNext()) {
            out.append(points.next().toCsv()).append('\n');
        }
    }

    /**
     * The point at an index, batch sizes varying fastest, then output lengths, prompt lengths and deployments.
     *
     * @param index in {@code [0, size())}
     * @return the point
     */
    public SweepPoint point(long index) {
        if (index < 0 || index >= size()) {
            throw new IllegalArgumentException("index (" + index + ") must be in [0, " + size() + ")");
        }
        long i = index;
        int batch = batchSizes[(int) (i % batchSizes.length)];
        i /= batchSizes.length;
        long output = outputTokens[(int) (i % outputTokens.length)];
        i /= outputTokens.length;
        long prompt = promptTokens[(int) (i % promptTokens.length)];
        i /= promptTokens.length;
        Deployment deployment = deployments.get((int) i);
        Workload w = Workload.builder()
                .promptTokens(prompt)
                .outputTokens(output)
                .batchSize(batch)
                .sharedPrefixTokens(sharedPrefixTokens)
                .build();
        return SweepPoint.of(deployment.estimate(w));
    }

    private static void nonEmpty(String axis, int size) {
        if (size == 0) {
            throw new IllegalArgumentException(axis + " (empty) must have at least one value");
        }
    }
}
