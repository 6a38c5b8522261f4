package io.github.llmcost.economics.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.hardware.HardwarePresets;
import org.junit.jupiter.api.Test;

/**
 * Plans confirmed by simulation ({@link Plan#verified(int)}). Each test runs the simulator several times, so these are
 * kept out of mutation testing (see the parent pom), which would run them for every mutant of the plan package.
 */
class PlanVerificationTest {
    /** Llama 3.1 8B on H100s with a batch cap of 16 and no headroom, 12 requests/s, p90 TPOT within 10.5 ms. */
    static PlanRequest tight() {
        return PlanRequest.builder()
                .model(ModelPresets.LLAMA_3_1_8B)
                .traffic(PlanTest.TRAFFIC)
                .requestsPerSecond(12)
                .timeToFirstTokenP90(Seconds.of(1))
                .timePerOutputTokenP90(Seconds.of(0.0105))
                .addHardware(HardwarePresets.H100_SXM)
                .maxGpusPerReplica(1)
                .headroom(1)
                .scheduler(PlanTest.SMALL)
                .build();
    }

    @Test
    void verificationSimulatesTheCheapestAndAddsReplicasWhereTheSimulationMissesATarget() {
        Plan plan = tight().plan();
        PlanCandidate modelled = plan.best().orElseThrow();
        assertThat(modelled.verification()).isEmpty();
        Plan verified = plan.verified(1);
        PlanCandidate best = verified.best().orElseThrow();
        Verification v = best.verification().orElseThrow();
        // the model's replicas miss the TPOT target in simulation (a step carrying a prefill chunk is longer than the
        // model's 90th percentile): one more replica meets it
        assertThat(v.replicasAdded()).isEqualTo(1);
        assertThat(v.replicas()).isEqualTo(best.replicas()).isEqualTo(modelled.replicas() + 1);
        assertThat(v.meetsTargets()).isTrue();
        assertThat(v.timePerOutputTokenP90().toSeconds()).isLessThanOrEqualTo(0.0105);
        assertThat(v.timeToFirstTokenP90().toSeconds()).isLessThanOrEqualTo(1);
        assertThat(v.completedRequests()).isGreaterThan(15_000);
        assertThat(v.simulatedSeconds()).isGreaterThanOrEqualTo(Verifier.MIN_SECONDS);
        assertThat(v.sloAttainment()).isBetween(0.9, 1.0);
        // re-costed with the replicas it needs, and the ranking redone
        assertThat(best.costPerMonth().toUsd())
                .isCloseTo(
                        best.totalGpus()
                                * HardwarePresets.H100_SXM.rentalUsdPerHour().getAsDouble()
                                * 730,
                        withinPercentage(1e-9));
        for (int i = 1; i < verified.candidates().size(); i++) {
            assertThat(verified.candidates().get(i).costPerMonth())
                    .isGreaterThanOrEqualTo(verified.candidates().get(i - 1).costPerMonth());
        }
        assertThat(best.toString()).contains("simulated: p90 TTFT", "targets met", "1 replicas added");
        assertThat(verified.candidatesEvaluated()).isEqualTo(plan.candidatesEvaluated());
        assertThat(verified.frontier()).isEqualTo(plan.frontier());
    }

    @Test
    void aCandidateThatStillMissesATargetInSimulationIsSetAsideNotPriced() {
        // TPOT 8.2 ms, just above a lone decode step: the model meets it with 12 replicas; in simulation the p90 stays
        // at 8.22 ms with 16 (a request's steps now and then carry another's prefill chunk), so it is set aside
        PlanRequest r = PlanRequest.builder()
                .from(tight())
                .timePerOutputTokenP90(Seconds.of(0.0082))
                .build();
        Plan plan = r.plan();
        assertThat(plan.feasible()).isTrue();
        Plan verified = plan.verified(1);
        assertThat(verified.feasible()).isFalse();
        assertThat(verified.exclusions()).hasSize(plan.exclusions().size() + 1);
        assertThat(verified.exclusions().get(verified.exclusions().size() - 1).reason())
                .startsWith("misses a target in simulation even with 4 more replicas (")
                .contains("p90 time per output token");
    }

    @Test
    void verificationConfirmsOnlyTheCheapestAskedFor() {
        Plan plan = PlanTest.small().build().plan();
        Plan none = plan.verified(0);
        assertThat(none.candidates())
                .allSatisfy(c -> assertThat(c.verification()).isEmpty());
        Plan two = plan.verified(2);
        assertThat(two.candidates().subList(0, 2))
                .allSatisfy(c -> assertThat(c.verification()).isPresent());
        assertThat(two.candidates().subList(2, two.candidates().size()))
                .allSatisfy(c -> assertThat(c.verification()).isEmpty());
        assertThatThrownBy(() -> plan.verified(-1)).hasMessage("top (-1) must be >= 0");
    }
}
