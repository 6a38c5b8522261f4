package io.github.llmcost.hardware.serving.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.serving.Scheduler;
import io.github.llmcost.hardware.serving.ServingModel;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Disaggregated prefill and decode pools: the cache's trip over the interconnect, the pools' division of labour. */
class DisaggregationTest {
    static final HardwareSpec H100 = SimulationTest.C.template().hardware();

    @Test
    void theCacheCrossesTheInterconnectAtItsBandwidth() {
        KvTransfer link = new KvTransfer(SimulationTest.C);
        // Llama 3.1 8B, FP8 cache: 32 layers x 8 KV heads x 128 x (K and V) x 1 byte = 65,536 bytes a token
        double bandwidth = H100.interconnectBandwidth().toBytesPerSecond();
        double latency = H100.interconnectLatency().toSeconds();
        assertThat(link.seconds(2000)).isCloseTo(latency + 2000 * 65_536 / bandwidth, withinPercentage(1e-9));
        assertThat(link.seconds(0)).isEqualTo(latency);
    }

    @Test
    void aLoneRequestTakesItsPrefillThenTheTransferThenItsDecodes() {
        SimulationResult together = SimulationTest.run(
                2,
                Router.ROUND_ROBIN,
                SyntheticSource.builder()
                        .arrivals(Arrivals.constant(0.05))
                        .durationSeconds(200)
                        .input(Lengths.fixed(2000))
                        .output(Lengths.fixed(300))
                        .build());
        StringWriter log = new StringWriter();
        SimulationResult apart = Simulation.builder(SimulationTest.C, Scheduler.defaults(), SimulationTest.T)
                .disaggregate(1, 1)
                .requestLog(log)
                .build()
                .run(SyntheticSource.builder()
                        .arrivals(Arrivals.constant(0.05))
                        .durationSeconds(200)
                        .input(Lengths.fixed(2000))
                        .output(Lengths.fixed(300))
                        .build());
        double transfer = new KvTransfer(SimulationTest.C).seconds(2000);
        assertThat(apart.completedRequests()).isEqualTo(9);
        assertThat(apart.ttftSecondsMean()).isCloseTo(together.ttftSecondsMean(), withinPercentage(1e-9));
        assertThat(apart.e2eSecondsMean()).isCloseTo(together.e2eSecondsMean() + transfer, withinPercentage(1e-9));
        assertThat(apart.steps()).isEqualTo(together.steps());
        assertThat(apart.replicas()).isEqualTo(2);
        // the CSV names the decode replica (index 1) that finished each request
        assertThat(log.toString().lines().skip(1)).allMatch(l -> l.split(",")[1].equals("1"));
    }

    @Test
    void atSaturationThePoolsServeWhatTheirSlowerHalfAllows() {
        double sat = ServingModel.of(SimulationTest.C, Scheduler.defaults())
                .saturated(SimulationTest.T)
                .requestsPerSecond();
        SimulationResult r = Simulation.builder(SimulationTest.C, Scheduler.defaults(), SimulationTest.T)
                .disaggregate(1, 3)
                .warmupSeconds(20)
                .build()
                .run(SimulationTest.source(4 * sat, 60).seed(2).build());
        // one prefill replica computes prompts only: far more of them than a mixed replica; three decode replicas
        // hold three KV caches of sequences: the pair serves more than one mixed replica and at most four
        assertThat(r.steadyRequestsPerSecond()).isGreaterThan(sat).isLessThan(4 * sat);
        assertThat(r.preemptions()).isZero();
        // sequences wait at the decode replicas too, and all are admitted in the end
        assertThat(r.maxQueueLength()).isPositive();
        assertThat(r.queueLength()).allSatisfy(p -> assertThat(p.waiting()).isNotNegative());
        assertThat(r.queueLength().get(r.queueLength().size() - 1).waiting()).isZero();
    }

    @Test
    void disaggregationChecksItsPoolsAndNeedsAFullReservation() {
        Simulation.Builder b = Simulation.builder(SimulationTest.C, Scheduler.defaults(), SimulationTest.T);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> b.disaggregate(0, 1))
                .withMessage("prefill (0) must be >= 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> b.disaggregate(1, 0))
                .withMessage("decode (0) must be >= 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Simulation.builder(
                                SimulationTest.C,
                                Scheduler.builder().reserveFullSequence(false).build(),
                                SimulationTest.T)
                        .disaggregate(1, 1)
                        .build())
                .withMessageStartingWith("disaggregation needs a scheduler that reserves");
        // replicas(...) after disaggregate(...) undoes it
        SimulationResult r = b.disaggregate(1, 1)
                .replicas(1)
                .build()
                .run(SimulationTest.source(1, 5).build());
        assertThat(r.replicas()).isEqualTo(1);
    }
}
