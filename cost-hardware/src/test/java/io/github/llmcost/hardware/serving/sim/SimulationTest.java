package io.github.llmcost.hardware.serving.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.github.llmcost.hardware.CompiledPerformance;
import io.github.llmcost.hardware.InfeasibleConfigurationException;
import io.github.llmcost.hardware.Step;
import io.github.llmcost.hardware.serving.Scheduler;
import io.github.llmcost.hardware.serving.ServingModel;
import io.github.llmcost.hardware.serving.Traffic;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The simulation's behaviour: a lone request, Little's law, routing, seeds, prefix hits, preemption. */
class SimulationTest {
    static final CompiledPerformance C = SimulationAgreementTest.LLAMA_8B_H100;
    static final Traffic T = Traffic.of(2000, 300);

    static SyntheticSource.Builder source(double rate, double seconds) {
        return SyntheticSource.builder()
                .arrivals(Arrivals.poisson(rate))
                .durationSeconds(seconds)
                .input(Lengths.fixed(2000))
                .output(Lengths.fixed(300));
    }

    static SimulationResult run(int replicas, Router router, RequestSource source) {
        return Simulation.builder(C, Scheduler.defaults(), T)
                .replicas(replicas)
                .router(router)
                .build()
                .run(source);
    }

    @Test
    void aLoneRequestsFirstTokenIsItsPrefillAndItsTokensAreBatchOneDecodes() {
        SimulationResult r = run(
                1,
                Router.ROUND_ROBIN,
                SyntheticSource.builder()
                        .arrivals(Arrivals.constant(0.05))
                        .durationSeconds(200)
                        .input(Lengths.fixed(2000))
                        .output(Lengths.fixed(300))
                        .build());
        assertThat(r.completedRequests()).isEqualTo(9);
        double prefill = C.step(Step.prefill(1, 2000, 0)).seconds();
        assertThat(r.ttftSecondsMean()).isCloseTo(prefill, withinPercentage(1e-9));
        assertThat(r.ttftSecondsP50()).isCloseTo(prefill, withinPercentage(1));
        double decode = C.step(Step.decode(1, 2000 + 150)).seconds();
        assertThat(r.tpotSecondsMean()).isCloseTo(decode, withinPercentage(0.5));
        assertThat(r.e2eSecondsMean()).isCloseTo(prefill + 299 * r.tpotSecondsMean(), withinPercentage(1e-6));
        // busy for nine requests' steps out of 200 s
        assertThat(r.utilization()).isCloseTo(9 * r.e2eSecondsMean() / 200, withinPercentage(1e-6));
        assertThat(r.simulatedSeconds()).isEqualTo(200);
        assertThat(r.steps()).isEqualTo(9 * 300);
        assertThat(r.preemptions()).isZero();
        assertThat(r.prefixCacheHitRate()).isZero();
    }

    @Test
    void littlesLawHoldsAndEveryArrivalCompletes() {
        double sat = ServingModel.of(C, Scheduler.defaults()).saturated(T).requestsPerSecond();
        SimulationResult r =
                run(2, Router.LEAST_LOADED, source(1.4 * sat, 60).seed(3).build());
        assertThat(r.completedRequests()).isGreaterThan((long) (1.2 * sat * 60));
        double lambda = r.completedRequests() / r.simulatedSeconds();
        assertThat(r.meanRequestsInSystem()).isCloseTo(lambda * r.e2eSecondsMean(), withinPercentage(1e-6));
        assertThat(r.e2eSecondsP99()).isGreaterThan(r.e2eSecondsP50());
        assertThat(r.utilization()).isBetween(0.5, 1.0);
    }

    @Test
    void withOneReplicaEveryRouterGivesTheSameResult() {
        String[] results = Arrays.stream(Router.values())
                .map(router -> run(
                                1,
                                router,
                                source(10, 30).prefixGroups(3, 1500).seed(5).build())
                        .toString())
                .toArray(String[]::new);
        assertThat(results[1]).isEqualTo(results[0]);
        assertThat(results[2]).isEqualTo(results[0]);
        assertThat(results[0]).contains("prefix hits");
    }

    @Test
    void theSameSeedGivesTheSameNumbersAnotherSeedOthers() {
        SimulationResult a = run(
                4,
                Router.PREFIX_AFFINITY,
                source(40, 20).prefixGroups(8, 1000).seed(7).build());
        SimulationResult b = run(
                4,
                Router.PREFIX_AFFINITY,
                source(40, 20).prefixGroups(8, 1000).seed(7).build());
        SimulationResult c = run(
                4,
                Router.PREFIX_AFFINITY,
                source(40, 20).prefixGroups(8, 1000).seed(8).build());
        assertThat(b.toString()).isEqualTo(a.toString());
        assertThat(b.e2eSecondsMean()).isEqualTo(a.e2eSecondsMean());
        assertThat(c.e2eSecondsMean()).isNotEqualTo(a.e2eSecondsMean());
        assertThat(c.completedRequests()).isNotEqualTo(a.completedRequests());
    }

    @Test
    void aCachedPrefixSkipsItsWholeBlocksOfPrefill() {
        SimulationResult r = run(
                1,
                Router.ROUND_ROBIN,
                SyntheticSource.builder()
                        .arrivals(Arrivals.constant(0.1))
                        .durationSeconds(100)
                        .input(Lengths.fixed(2000))
                        .output(Lengths.fixed(10))
                        .prefixGroups(1, 1500)
                        .build());
        assertThat(r.completedRequests()).isEqualTo(9);
        double miss = C.step(Step.prefill(1, 2000, 0)).seconds();
        // 1,500 tokens are 93 whole blocks of 16: 1,488 cached, 512 computed after them
        double hit = C.step(Step.prefill(1, 512, 1488)).seconds();
        assertThat(r.ttftSecondsMean()).isCloseTo((miss + 8 * hit) / 9, withinPercentage(1e-9));
        assertThat(r.prefixCacheHitRate()).isCloseTo(8 / 9.0, withinPercentage(1e-9));
        assertThat(r.cachedPromptTokens()).isEqualTo(8 * 1488);
    }

    @Test
    void roundRobinTakesTurnsAndPrefixAffinityKeepsAPrefixOnOneReplica() {
        StringWriter log = new StringWriter();
        RequestSource trace = TraceSource.of(new StringReader(
                "0,100,2,0,64\n0.1,100,2,1,64\n0.2,100,2,0,64\n0.3,100,2,1,64\n0.4,100,2,0,64\n0.5,100,2,0,64\n"));
        Simulation.builder(C, Scheduler.defaults(), T)
                .replicas(3)
                .router(Router.ROUND_ROBIN)
                .requestLog(log)
                .build()
                .run(trace);
        assertThat(replicas(log)).containsExactly(0, 1, 2, 0, 1, 2);
        StringWriter affine = new StringWriter();
        SimulationResult r = Simulation.builder(C, Scheduler.defaults(), T)
                .replicas(3)
                .router(Router.PREFIX_AFFINITY)
                .requestLog(affine)
                .build()
                .run(TraceSource.of(new StringReader(
                        "0,100,2,0,64\n1,100,2,1,64\n2,100,2,0,64\n3,100,2,1,64\n4,100,2,0,64\n5,100,2,0,64\n")));
        // at no load: the first of each prefix to the least loaded (the lowest index), the rest follow it
        assertThat(replicas(affine)).containsExactly(0, 0, 0, 0, 0, 0);
        assertThat(r.prefixCacheHitRate()).isCloseTo(4 / 6.0, withinPercentage(1e-9));
        assertThat(affine.toString()).startsWith(Metrics.CSV_HEADER + "\n");
    }

    @Test
    void prefixAffinityFallsBackToTheLeastLoadedOnceTheHolderIsBusy() {
        StringWriter log = new StringWriter();
        // five requests of one prefix at once: the holder takes them while it has at most 1.5 x (0 + 1) outstanding
        Simulation.builder(C, Scheduler.defaults(), T)
                .replicas(3)
                .router(Router.PREFIX_AFFINITY)
                .requestLog(log)
                .build()
                .run(TraceSource.of(new StringReader("0,100,50,0,64\n0,100,50,0,64\n0,100,50,0,64\n0,100,50,0,64\n"
                        + "0,100,50,0,64\n0,100,50,0,64\n")));
        // 0 (no holder: the least loaded); 0 (the holder has 1 <= 1.5 x (0 + 1)); 1 (the holder has 2 > 1.5);
        // 1 (the least loaded holder has 1); 2 (the holders have 2 > 1.5); 2 (the least loaded holder has 1 <= 3)
        assertThat(replicas(log)).containsExactlyInAnyOrder(0, 0, 1, 1, 2, 2);
    }

    private static int[] replicas(StringWriter log) {
        return log.toString()
                .lines()
                .skip(1)
                .sorted()
                .mapToInt(l -> Integer.parseInt(l.split(",")[1]))
                .toArray();
    }

    @Test
    void withoutAFullReservationSequencesOutgrowTheCacheAndArePreempted() {
        Scheduler vllm = Scheduler.builder().reserveFullSequence(false).build();
        Traffic t = Traffic.of(512, 4096);
        Simulation sim = Simulation.builder(C, vllm, t).build();
        SimulationResult r = sim.run(SyntheticSource.builder()
                .arrivals(Arrivals.constant(200))
                .durationSeconds(5)
                .input(Lengths.fixed(512))
                .output(Lengths.fixed(4096))
                .build());
        assertThat(r.preemptions()).isPositive();
        // a preempted sequence waits again, and every one is admitted in the end
        assertThat(r.queueLength()).allSatisfy(p -> assertThat(p.waiting()).isNotNegative());
        assertThat(r.queueLength().get(r.queueLength().size() - 1).waiting()).isZero();
        SimulationResult reserved = Simulation.builder(C, Scheduler.defaults(), t)
                .build()
                .run(SyntheticSource.builder()
                        .arrivals(Arrivals.constant(200))
                        .durationSeconds(5)
                        .input(Lengths.fixed(512))
                        .output(Lengths.fixed(4096))
                        .build());
        assertThat(reserved.preemptions()).isZero();
        assertThat(reserved.completedRequests())
                .isEqualTo(r.completedRequests())
                .isGreaterThan(990);
        // recomputing costs time: the same work takes longer
        assertThat(r.simulatedSeconds()).isGreaterThan(reserved.simulatedSeconds());
    }

    @Test
    void theKvBlocksAreTheServingModelsSequencesInBlocks() {
        long sequences = ServingModel.of(C, Scheduler.defaults()).kvSequences(T);
        assertThat(Simulation.kvBlocks(C, Scheduler.defaults(), T)).isEqualTo(sequences * 144);
        assertThat(run(1, Router.ROUND_ROBIN, source(1, 1).build()).kvBlocksPerReplica())
                .isEqualTo(sequences * 144);
        assertThat(Simulation.builder(C, Scheduler.defaults(), T.withPrefix(1000, 1))
                        .build()
                        .capacityBlocks())
                .isEqualTo(sequences * 144);
    }

    @Test
    void aRequestLongerThanTheCacheIsRejectedAndAnInfeasibleDeploymentRefused() {
        long blocks = Simulation.kvBlocks(C, Scheduler.defaults(), T);
        long tooLong = blocks * 16;
        SimulationResult r =
                run(1, Router.ROUND_ROBIN, TraceSource.of(new StringReader("0,10,5\n0," + tooLong + ",1\n1,10,5\n")));
        assertThat(r.completedRequests()).isEqualTo(2);
        assertThat(r.rejectedRequests()).isEqualTo(1);
        assertThatThrownBy(() -> Simulation.builder(C, Scheduler.defaults(), Traffic.of(tooLong, 1))
                        .build())
                .isInstanceOf(InfeasibleConfigurationException.class);
    }

    @Test
    void aSimulationRunsOnceAndChecksItsSettings() {
        Simulation s = Simulation.builder(C, Scheduler.defaults(), T).build();
        s.run(source(1, 1).build());
        assertThatIllegalStateException().isThrownBy(() -> s.run(source(1, 1).build()));
        Simulation.Builder b = Simulation.builder(C, Scheduler.defaults(), T);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> b.replicas(0))
                .withMessage("replicas (0) must be in [1, 100000]");
        assertThatIllegalArgumentException().isThrownBy(() -> b.replicas(100_001));
        assertThatIllegalArgumentException().isThrownBy(() -> b.warmupSeconds(-1));
        assertThatIllegalArgumentException().isThrownBy(() -> b.warmupSeconds(Double.NaN));
        assertThatIllegalArgumentException().isThrownBy(() -> b.slo(0, 1)).withMessage("ttftSeconds (0.0) must be > 0");
        assertThatIllegalArgumentException().isThrownBy(() -> b.slo(1, 0)).withMessage("tpotSeconds (0.0) must be > 0");
        b.replicas(1).replicas(100_000).warmupSeconds(0);
    }

    @Test
    void theResultsRatesAreItsCountsOverItsSecondsAndProgressIsReported() {
        java.util.List<Double> progress = new java.util.ArrayList<>();
        SimulationResult r = Simulation.builder(C, Scheduler.defaults(), T)
                .replicas(2)
                .progress(progress::add)
                .build()
                .run(source(20, 600).seed(4).build());
        double seconds = r.simulatedSeconds();
        assertThat(seconds).isGreaterThan(600);
        assertThat(r.requestsPerSecond()).isEqualTo(r.completedRequests() / seconds);
        assertThat(r.outputTokensPerSecond()).isEqualTo(r.outputTokens() / seconds);
        assertThat(r.outputTokens()).isEqualTo(300 * r.completedRequests());
        assertThat(r.inputTokensPerSecond())
                .isCloseTo(2000.0 * r.completedRequests() / seconds, withinPercentage(1e-9));
        // no targets: every measured request counts, at the steady rate
        assertThat(r.goodputRequestsPerSecond()).isEqualTo(r.steadyRequestsPerSecond());
        assertThat(r.steadyRequestsPerSecond()).isCloseTo(20, withinPercentage(5));
        assertThat(r.ttftSecondsP50()).isLessThanOrEqualTo(r.ttftSecondsP90()).isPositive();
        assertThat(r.ttftSecondsP90()).isLessThanOrEqualTo(r.ttftSecondsP99());
        assertThat(r.tpotSecondsP50()).isLessThanOrEqualTo(r.tpotSecondsP90()).isPositive();
        assertThat(r.tpotSecondsP90()).isLessThanOrEqualTo(r.tpotSecondsP99());
        assertThat(r.e2eSecondsP50()).isLessThanOrEqualTo(r.e2eSecondsP90());
        assertThat(r.e2eSecondsP90()).isLessThanOrEqualTo(r.e2eSecondsP99());
        assertThat(r.e2eSecondsMean())
                .isCloseTo(r.ttftSecondsMean() + 299 * r.tpotSecondsMean(), withinPercentage(1e-6));
        assertThat(r.replicas()).isEqualTo(2);
        assertThat(r.rejectedRequests()).isZero();
        assertThat(r.toString()).startsWith(r.completedRequests() + " requests in ");
        assertThat(progress).isNotEmpty().isSorted().allMatch(f -> f > 0 && f <= 1);
    }

    @Test
    void goodputCountsTheRequestsWithinBothTargets() {
        double prefill = C.step(Step.prefill(1, 2000, 0)).seconds();
        SimulationResult all = Simulation.builder(C, Scheduler.defaults(), T)
                .slo(prefill * 1.001, 1)
                .build()
                .run(SyntheticSource.builder()
                        .arrivals(Arrivals.constant(0.1))
                        .durationSeconds(100)
                        .input(Lengths.fixed(2000))
                        .output(Lengths.fixed(20))
                        .build());
        assertThat(all.sloAttainment()).isEqualTo(1);
        // every measured request within both: the steady rate (one each 10 s, counted over the window they finish in)
        assertThat(all.goodputRequestsPerSecond())
                .isEqualTo(all.steadyRequestsPerSecond())
                .isCloseTo(0.1, withinPercentage(15));
        SimulationResult none = Simulation.builder(C, Scheduler.defaults(), T)
                .slo(prefill * 0.999, 1)
                .build()
                .run(SyntheticSource.builder()
                        .arrivals(Arrivals.constant(0.1))
                        .durationSeconds(100)
                        .input(Lengths.fixed(2000))
                        .output(Lengths.fixed(20))
                        .build());
        assertThat(none.sloAttainment()).isZero();
        assertThat(none.goodputRequestsPerSecond()).isZero();
    }
}
