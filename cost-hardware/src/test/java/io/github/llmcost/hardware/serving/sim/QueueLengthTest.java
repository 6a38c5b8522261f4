package io.github.llmcost.hardware.serving.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.github.llmcost.hardware.serving.Scheduler;
import io.github.llmcost.hardware.serving.ServingModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The queue length over time: its intervals and merging, Little's law, a growing queue, an idle one. */
class QueueLengthTest {
    @Test
    void eachPointAveragesItsIntervalAndThePartialLastOneWhatRemains() {
        QueueSeries q = new QueueSeries(128); // 1 s intervals
        assertThat(q.intervalSeconds()).isEqualTo(1);
        q.advance(0.5, 0, 0);
        q.advance(3.25, 2, 3);
        List<QueuePoint> p = q.points();
        assertThat(p).hasSize(4);
        assertThat(p.get(0)).isEqualTo(new QueuePoint(0, 1, 0.5));
        assertThat(p.get(1)).isEqualTo(new QueuePoint(1, 2, 1));
        assertThat(p.get(2)).isEqualTo(new QueuePoint(2, 2, 1));
        assertThat(p.get(3).seconds()).isEqualTo(3);
        assertThat(p.get(3).waiting()).isCloseTo(2, within(1e-12));
        assertThat(p.get(3).running()).isCloseTo(1, within(1e-12));
        assertThat(p.get(3).inSystem()).isCloseTo(3, within(1e-12));
        q.advance(4, 1, 1);
        assertThat(q.points()).hasSize(4).last().isEqualTo(new QueuePoint(3, 1.25, 0.25));
        assertThatThrownBy(() -> q.points().add(new QueuePoint(0, 0, 0)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aFullArrayMergesPairsAndDoublesTheInterval() {
        assertThat(new QueueSeries(0).intervalSeconds()).isEqualTo(1);
        assertThat(new QueueSeries(64).intervalSeconds()).isEqualTo(0.5);
        QueueSeries q = new QueueSeries(128);
        q.advance(255.5, 1, 1);
        assertThat(q.points()).hasSize(256);
        q.advance(256, 0, 2);
        assertThat(q.intervalSeconds()).isEqualTo(1);
        q.advance(256.5, 0, 2);
        assertThat(q.intervalSeconds()).isEqualTo(2);
        List<QueuePoint> p = q.points();
        assertThat(p).hasSize(129);
        assertThat(p.get(0)).isEqualTo(new QueuePoint(0, 1, 0));
        assertThat(p.get(127)).isEqualTo(new QueuePoint(254, 0.75, 0.5));
        assertThat(p.get(128)).isEqualTo(new QueuePoint(256, 0, 2));
        q.advance(301, 3, 3);
        p = q.points();
        assertThat(p).hasSize(151);
        assertThat(p.get(128)).isEqualTo(new QueuePoint(256, 2.25, 0.5));
        assertThat(p.get(149)).isEqualTo(new QueuePoint(298, 3, 0));
        assertThat(p.get(150)).isEqualTo(new QueuePoint(300, 3, 0));
    }

    @Test
    void theSeriesObeysLittlesLaw() {
        double sat = ServingModel.of(SimulationTest.C, Scheduler.defaults())
                .saturated(SimulationTest.T)
                .requestsPerSecond();
        SimulationResult r = SimulationTest.run(
                2,
                Router.LEAST_LOADED,
                SimulationTest.source(0.8 * sat, 60).seed(5).build());
        List<QueuePoint> p = r.queueLength();
        assertThat(p.size()).isBetween(QueueSeries.INITIAL, QueueSeries.CAPACITY);
        double lambda = r.completedRequests() / r.simulatedSeconds();
        double weighted = 0;
        for (int i = 0; i < p.size(); i++) {
            double end = i + 1 < p.size() ? p.get(i + 1).seconds() : r.simulatedSeconds();
            weighted += p.get(i).inSystem() * (end - p.get(i).seconds());
        }
        // the integral over the series is the exact time integral: Little's law to rounding
        assertThat(weighted / r.simulatedSeconds())
                .isCloseTo(lambda * r.e2eSecondsMean(), withinPercentage(1e-6))
                .isCloseTo(r.meanRequestsInSystem(), withinPercentage(1e-6));
        // the plain mean of the points weighs the partial last one (at most 1 of >= 128) like the others; it
        // stands for the drain, where fewer are in the system than on average, so it is off by under 1/128
        double plain = p.stream().mapToDouble(QueuePoint::inSystem).average().orElseThrow();
        assertThat(plain).isCloseTo(lambda * r.e2eSecondsMean(), withinPercentage(100.0 / 128));
        assertThat(r.meanQueueLength()).isLessThan(r.meanRequestsInSystem());
    }

    @Test
    void anOverloadedRunsQueueGrows() {
        double sat = ServingModel.of(SimulationTest.C, Scheduler.defaults())
                .saturated(SimulationTest.T)
                .requestsPerSecond();
        SimulationResult r = SimulationTest.run(
                1,
                Router.ROUND_ROBIN,
                SimulationTest.source(3 * sat, 60).seed(2).build());
        List<QueuePoint> p = r.queueLength();
        assertThat(r.queueIntervalSeconds()).isEqualTo(60.0 / 128 * 2);
        assertThat(p.size()).isBetween(QueueSeries.INITIAL, QueueSeries.CAPACITY);
        // arrivals 3x the service rate: 2/3 of them still waiting at the horizon, the queue growing all along
        int atHorizon = (int) (60 / r.queueIntervalSeconds()) - 1;
        double waitingThen = p.get(atHorizon).waiting();
        assertThat(waitingThen).isCloseTo(2 * sat * 60, withinPercentage(15));
        assertThat(p.get(atHorizon / 2).waiting()).isCloseTo(waitingThen / 2, withinPercentage(20));
        assertThat(r.maxQueueLength())
                .isGreaterThanOrEqualTo((long) waitingThen)
                .isLessThan(r.completedRequests());
        assertThat(p.get(p.size() - 1).waiting()).isZero();
        double mean = 0;
        for (QueuePoint x : p) {
            mean += x.waiting() * r.queueIntervalSeconds();
        }
        assertThat(r.meanQueueLength()).isCloseTo(mean / r.simulatedSeconds(), withinPercentage(1));
    }

    @Test
    void anIdleRunsQueueStaysEmpty() {
        SimulationResult r = SimulationTest.run(
                1,
                Router.ROUND_ROBIN,
                SyntheticSource.builder()
                        .arrivals(Arrivals.constant(0.05))
                        .durationSeconds(200)
                        .input(Lengths.fixed(2000))
                        .output(Lengths.fixed(300))
                        .build());
        assertThat(r.maxQueueLength()).isZero();
        assertThat(r.meanQueueLength()).isZero();
        List<QueuePoint> p = r.queueLength();
        assertThat(p)
                .hasSize(QueueSeries.INITIAL)
                .allSatisfy(x -> assertThat(x.waiting()).isZero());
        assertThat(r.queueIntervalSeconds()).isEqualTo(200.0 / 128);
        double running = p.stream().mapToDouble(QueuePoint::running).sum() * r.queueIntervalSeconds();
        assertThat(running / 200).isCloseTo(r.meanRequestsInSystem(), withinPercentage(1e-6));
        assertThat(p.stream().mapToDouble(QueuePoint::running).max().orElseThrow())
                .isBetween(0.0, 1.0);
    }
}
