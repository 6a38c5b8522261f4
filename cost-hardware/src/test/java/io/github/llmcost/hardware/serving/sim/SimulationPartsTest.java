package io.github.llmcost.hardware.serving.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.github.llmcost.hardware.Step;
import java.io.StringReader;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The simulation's parts: the histogram, arrivals, lengths, traces, requests, the step-time table. */
class SimulationPartsTest {
    @Test
    void theHistogramsPercentilesAreWithinOnePercent() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 1000; i++) {
            h.add(i * 0.001);
        }
        assertThat(h.count()).isEqualTo(1000);
        assertThat(h.mean()).isCloseTo(0.5005, within(1e-12));
        assertThat(h.sum()).isCloseTo(500.5, within(1e-9));
        assertThat(h.quantile(0.5)).isCloseTo(0.5, withinPercentage(1));
        assertThat(h.quantile(0.9)).isCloseTo(0.9, withinPercentage(1));
        assertThat(h.quantile(0.99)).isCloseTo(0.99, withinPercentage(1));
        assertThat(h.quantile(1)).isCloseTo(1, withinPercentage(1));
        assertThat(h.quantile(0.001)).isCloseTo(0.001, withinPercentage(1));
    }

    @Test
    void theHistogramCountsZerosApartAndClampsTheEnds() {
        LatencyHistogram h = new LatencyHistogram();
        assertThat(h.quantile(0.5)).isZero();
        assertThat(h.mean()).isZero();
        h.add(0);
        h.add(0);
        h.add(3);
        assertThat(h.quantile(0.5)).isZero();
        assertThat(h.quantile(2 / 3.0)).isZero();
        assertThat(h.quantile(0.67)).isCloseTo(3, withinPercentage(1));
        assertThat(LatencyHistogram.bucket(LatencyHistogram.MIN)).isZero();
        assertThat(LatencyHistogram.bucket(LatencyHistogram.MIN * LatencyHistogram.GROWTH * 1.0001))
                .isEqualTo(1);
        assertThat(LatencyHistogram.bucket(1e12)).isEqualTo(1699);
        h.add(1e12);
        assertThat(h.quantile(1)).isCloseTo(LatencyHistogram.MIN * Math.pow(1.02, 1699.5), withinPercentage(1e-9));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> h.add(-1))
                .withMessage("seconds (-1.0) must be finite and >= 0");
        assertThatIllegalArgumentException().isThrownBy(() -> h.add(Double.POSITIVE_INFINITY));
        assertThatIllegalArgumentException().isThrownBy(() -> h.quantile(0)).withMessage("q (0.0) must be in (0, 1]");
        assertThatIllegalArgumentException().isThrownBy(() -> h.quantile(1.01));
    }

    private static double[] gaps(Arrivals a, int n) {
        SplittableRandom random = new SplittableRandom(11);
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double g = a.nextGapSeconds(random);
            assertThat(g).isNotNegative();
            sum += g;
            squares += g * g;
        }
        double mean = sum / n;
        return new double[] {mean, Math.sqrt(squares / n - mean * mean) / mean};
    }

    @Test
    void arrivalsHaveTheirRateAndTheirVariation() {
        double[] poisson = gaps(Arrivals.poisson(4), 40_000);
        assertThat(poisson[0]).isCloseTo(0.25, withinPercentage(2));
        assertThat(poisson[1]).isCloseTo(1, withinPercentage(3));
        double[] bursty = gaps(Arrivals.gamma(4, 3), 40_000);
        assertThat(bursty[0]).isCloseTo(0.25, withinPercentage(5));
        assertThat(bursty[1]).isCloseTo(3, withinPercentage(8));
        double[] steady = gaps(Arrivals.gamma(4, 0.5), 40_000);
        assertThat(steady[0]).isCloseTo(0.25, withinPercentage(2));
        assertThat(steady[1]).isCloseTo(0.5, withinPercentage(3));
        assertThat(Arrivals.constant(4).nextGapSeconds(new SplittableRandom(1))).isEqualTo(0.25);
        assertThat(Arrivals.gamma(4, 1).coefficientOfVariation()).isEqualTo(1);
        assertThat(Arrivals.poisson(4).requestsPerSecond()).isEqualTo(4);
        assertThat(Arrivals.poisson(4)).hasToString("Poisson 4.000/s");
        assertThat(Arrivals.constant(4)).hasToString("constant 4.000/s");
        assertThat(Arrivals.gamma(4, 2)).hasToString("Gamma 4.000/s (CV 2.00)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Arrivals.poisson(0))
                .withMessage("rate (0.0) must be finite and > 0");
        assertThatIllegalArgumentException().isThrownBy(() -> Arrivals.poisson(Double.POSITIVE_INFINITY));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Arrivals.gamma(1, 0))
                .withMessage("cv (0.0) must be > 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Arrivals.gamma(1, 101))
                .withMessage("cv (101.0) must be in [0, 100]");
        Arrivals.gamma(1, 100);
    }

    @Test
    void lengthsStayInTheirBoundsAndKeepTheirMean() {
        SplittableRandom random = new SplittableRandom(3);
        Lengths uniform = Lengths.uniform(10, 20);
        Lengths logNormal = Lengths.logNormal(500, 0.5, 100_000);
        long min = Long.MAX_VALUE;
        long max = 0;
        double sum = 0;
        for (int i = 0; i < 20_000; i++) {
            long u = uniform.draw(random);
            min = Math.min(min, u);
            max = Math.max(max, u);
            sum += logNormal.draw(random);
        }
        assertThat(min).isEqualTo(10);
        assertThat(max).isEqualTo(20);
        assertThat(sum / 20_000).isCloseTo(500, withinPercentage(2));
        assertThat(Lengths.logNormal(500, 4, 600).draw(random)).isBetween(1L, 600L);
        assertThat(Lengths.fixed(7).draw(random)).isEqualTo(7);
        assertThat(Lengths.fixed(7).meanTokens()).isEqualTo(7);
        assertThat(uniform.meanTokens()).isEqualTo(15);
        assertThat(uniform.maxTokens()).isEqualTo(20);
        assertThat(Lengths.uniform(5, 5).draw(random)).isEqualTo(5);
        assertThat(uniform).hasToString("uniform 10..20");
        assertThat(Lengths.fixed(7)).hasToString("7");
        assertThat(logNormal).hasToString("log-normal mean 500 sigma 0.50 max 100000");
        assertThatIllegalArgumentException().isThrownBy(() -> Lengths.fixed(0)).withMessage("tokens (0) must be >= 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Lengths.uniform(5, 4))
                .withMessage("high (4) must be >= low (5)");
        assertThatIllegalArgumentException().isThrownBy(() -> Lengths.logNormal(0.5, 1, 10));
        assertThatIllegalArgumentException().isThrownBy(() -> Lengths.logNormal(10, 0, 10));
        assertThatIllegalArgumentException().isThrownBy(() -> Lengths.logNormal(10, 4.1, 10));
        assertThatIllegalArgumentException().isThrownBy(() -> Lengths.logNormal(10, 1, 0));
    }

    @Test
    void aSyntheticSourceStopsAtItsDurationAndGroupsItsPrefixes() {
        SyntheticSource s = SyntheticSource.builder()
                .arrivals(Arrivals.constant(2))
                .durationSeconds(3)
                .input(Lengths.fixed(100))
                .output(Lengths.fixed(5))
                .prefixGroups(1, 400)
                .build();
        assertThat(s.horizonSeconds()).isEqualTo(3);
        Request first = s.next();
        assertThat(first).isEqualTo(new Request(0.5, 100, 5, 0, 99));
        int n = 1;
        while (s.next() != null) {
            n++;
        }
        assertThat(n).isEqualTo(5);
        SyntheticSource none = SyntheticSource.builder()
                .arrivals(Arrivals.constant(2))
                .prefixGroups(4, 0)
                .build();
        assertThat(none.next()).isEqualTo(Request.of(0.5, 1024, 256));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SyntheticSource.builder().durationSeconds(0));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SyntheticSource.builder().prefixGroups(-1, 1));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SyntheticSource.builder().prefixGroups(1, -1));
    }

    @Test
    void aTraceReadsJsonLinesAndCsvAndSaysWhatIsWrong() {
        TraceSource t = TraceSource.of(new StringReader("arrival,input,output\n# comment\n\n0.5,100,10\n"
                + "{\"arrival\": 1, \"inputTokens\": 200, \"output\": 20, \"prefixId\": 3, \"prefixTokens\": 50}\n"
                + "2,300,30,4,60\n{\"timestamp\": 3, \"input_tokens\": 7, \"output_tokens\": 8}\n"));
        assertThat(t.next()).isEqualTo(Request.of(0.5, 100, 10));
        assertThat(t.next()).isEqualTo(new Request(1, 200, 20, 3, 50));
        assertThat(t.next()).isEqualTo(new Request(2, 300, 30, 4, 60));
        assertThat(t.next()).isEqualTo(Request.of(3, 7, 8));
        assertThat(t.next()).isNull();
        assertThat(t).hasToString("trace (7 lines read)");
        assertThat(t.horizonSeconds()).isZero();
        assertThat(error("1,10,5\n0.5,10,5\n"))
                .isEqualTo("trace line 2: arrival (0.5) is before the previous one (1.0)");
        assertThat(error("1,10\n"))
                .isEqualTo("trace line 1: expected arrival,input,output[,prefixId,prefixTokens]," + " got 2 fields");
        assertThat(error("1,x,5\n")).isEqualTo("trace line 1: input (x) is not a number");
        assertThat(error("1,1.5,5\n")).isEqualTo("trace line 1: input (1.5) must be a whole number");
        assertThat(error("{\"input\": 1, \"output\": 2}")).isEqualTo("trace line 1: missing field \"arrival\"");
        assertThat(error("{\"arrival\": 1, \"input\": 1, \"output\": 2, \"prefixId\": 1}"))
                .isEqualTo("trace line 1: prefixId and prefixTokens go together");
        assertThat(error("{\"arrival\": 1")).startsWith("trace line 1: a JSON line must be one object");
        assertThat(error("{arrival: 1}")).isEqualTo("trace line 1: expected a quoted field name, got arrival");
        assertThat(error("{\"arrival\" 1}")).startsWith("trace line 1: expected \"name\": number");
        assertThat(error("{}")).isEqualTo("trace line 1: missing field \"arrival\"");
        assertThat(error("0,0,5\n")).isEqualTo("trace line 1: inputTokens (0) must be >= 1");
    }

    private static String error(String trace) {
        TraceSource t = TraceSource.of(new StringReader(trace));
        try {
            while (t.next() != null) {
                // read on
            }
        } catch (IllegalArgumentException e) {
            return String.valueOf(e.getMessage());
        }
        return "no error";
    }

    @Test
    void aRequestChecksItsFields() {
        assertThat(Request.of(0, 1, 1).hasPrefix()).isFalse();
        assertThat(new Request(0, 2, 1, 0, 1).hasPrefix()).isTrue();
        assertThat(new Request(0, 2, 1, 5, 0).hasPrefix()).isFalse();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Request.of(-1, 1, 1))
                .withMessage("arrivalSeconds (-1.0) must be >= 0 and at most 1.0E7");
        assertThatIllegalArgumentException().isThrownBy(() -> Request.of(Double.NaN, 1, 1));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Request.of(0, 1, 0))
                .withMessage("outputTokens (0) must be >= 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Request(0, 2, 1, 0, 2))
                .withMessage("prefixTokens (2) must be >= 0 and less than inputTokens (2)");
        assertThatIllegalArgumentException().isThrownBy(() -> new Request(0, 2, 1, 0, -1));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Request(0, 2, 1, -1, 1))
                .withMessage("prefixId (-1) must be >= 0 with prefixTokens");
    }

    @Test
    void theDecodeTableIsWithinItsGridOfTheExactStep() {
        StepTimes times = new StepTimes(SimulationAgreementTest.LLAMA_8B_H100);
        for (int batch : new int[] {1, 7, 64, 500}) {
            for (long position : new long[] {1, 17, 1000, 2150, 33_333, 120_000}) {
                double exact = SimulationAgreementTest.LLAMA_8B_H100
                        .step(Step.decode(batch, position))
                        .seconds();
                assertThat(times.decode(batch, position)).isCloseTo(exact, withinPercentage(0.2));
                assertThat(times.decode(batch, position)).isEqualTo(times.decode(batch, position));
            }
        }
        assertThat(times.steps()).isEqualTo(4 * 6 * 3);
        // more keys than the table holds: it starts over and stays right
        for (int batch = 1; batch <= 40_000; batch++) {
            times.decode(batch, 100);
        }
        double exact =
                SimulationAgreementTest.LLAMA_8B_H100.step(Step.decode(3, 100)).seconds();
        assertThat(times.decode(3, 100)).isCloseTo(exact, withinPercentage(0.2));
    }

    @Test
    void thePrefixCacheEvictsTheLeastRecentlyUsedUnreadEntry() {
        PrefixCache c = new PrefixCache();
        PrefixCache.Entry a = c.add(1, 10, 160);
        PrefixCache.Entry b = c.add(2, 20, 320);
        assertThat(c.evictableBlocks()).isZero();
        c.ready(a);
        c.ready(b);
        assertThat(c.evictableBlocks()).isZero();
        c.release(a);
        c.release(b);
        assertThat(c.evictableBlocks()).isEqualTo(30);
        c.acquire(a);
        assertThat(c.evictableBlocks()).isEqualTo(20);
        c.release(a);
        assertThat(c.use(1)).isSameAs(a); // 1 is now the most recently used
        assertThat(c.evict(5)).isEqualTo(20);
        assertThat(c.holds(2)).isFalse();
        assertThat(c.holds(1)).isTrue();
        assertThat(c.evictableBlocks()).isEqualTo(10);
        PrefixCache.Entry p = c.add(3, 4, 64);
        assertThat(c.evict(100)).isEqualTo(10);
        assertThat(c.drop(p)).isEqualTo(4);
        assertThat(c.holds(3)).isFalse();
        assertThat(c.use(3)).isNull();
        assertThat(c.evictableBlocks()).isZero();
    }
}
