package io.github.llmcost.economics.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.github.llmcost.core.Formats;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.economics.ApiPrice;
import io.github.llmcost.economics.ApiPriceBook;
import io.github.llmcost.economics.Deployment;
import io.github.llmcost.economics.LlmCost;
import io.github.llmcost.economics.Money;
import io.github.llmcost.economics.ServingEstimate;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.InfeasibleConfigurationException;
import io.github.llmcost.hardware.serving.LoadPoint;
import io.github.llmcost.hardware.serving.Scheduler;
import io.github.llmcost.hardware.serving.Traffic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Capacity plans, correct by construction: every candidate meets the targets at its planned load over the headroom,
 * is the fewest replicas that does, costs its devices' hours, and no cheaper deployment exists in the searched space
 * (checked against a plain enumeration through the public serving API).
 */
class PlanTest {
    /** A small space: two chips, one and two devices, two formats, batch caps 1 to 16. */
    static final Scheduler SMALL = Scheduler.builder().maxBatchSize(16).build();

    static final Traffic TRAFFIC = Traffic.of(2000, 300);

    static PlanRequest.Builder small() {
        return PlanRequest.builder()
                .model(ModelPresets.LLAMA_3_1_8B)
                .traffic(TRAFFIC)
                .requestsPerSecond(12)
                .timeToFirstTokenP90(Seconds.of(1))
                .timePerOutputTokenP90(Seconds.of(40e-3))
                .addHardware(HardwarePresets.H100_SXM, HardwarePresets.A100_80GB)
                .addFormats(Formats.BF16, Formats.of(NumericFormat.FP8_E4M3))
                .maxGpusPerReplica(2)
                .scheduler(SMALL);
    }

    static boolean within(LoadPoint p, PlanRequest r) {
        return p.sustainable()
                && p.timeToFirstTokenP90().toSeconds()
                        <= r.timeToFirstTokenP90().map(Seconds::toSeconds).orElse(Double.MAX_VALUE)
                && p.timePerOutputTokenP90().toSeconds()
                        <= r.timePerOutputTokenP90().map(Seconds::toSeconds).orElse(Double.MAX_VALUE);
    }

    @Test
    void everyCandidateMeetsTheTargetsOverTheHeadroomWithTheFewestReplicasAndCostsItsDeviceHours() {
        PlanRequest r = small().build();
        Plan plan = r.plan();
        assertThat(plan.feasible()).isTrue();
        assertThat(plan.candidates()).hasSizeGreaterThan(1);
        SoftAssertions soft = new SoftAssertions();
        for (PlanCandidate c : plan.candidates()) {
            ServingEstimate e = c.serving();
            double share = r.requestsPerSecond() / c.replicas();
            soft.assertThat(within(e.atRate(share / r.headroom()), r))
                    .as("%s meets", c)
                    .isTrue();
            if (c.replicas() > 1) {
                soft.assertThat(within(e.atRate(r.requestsPerSecond() / (c.replicas() - 1) / r.headroom()), r))
                        .as("%s with one replica fewer", c)
                        .isFalse();
            }
            double usdPerHour = c.deployment().hardware().rentalUsdPerHour().getAsDouble();
            soft.assertThat(c.costPerMonth().toUsd())
                    .isCloseTo(c.totalGpus() * usdPerHour * 730, withinPercentage(1e-9));
            soft.assertThat(c.totalGpus())
                    .isEqualTo(c.replicas() * c.deployment().tensorParallel());
            soft.assertThat(c.load().requestsPerSecond()).isCloseTo(share, withinPercentage(1e-9));
            soft.assertThat(c.utilization())
                    .isCloseTo(share / e.saturation().requestsPerSecond(), withinPercentage(1e-6));
            // capacity: the planned load over the headroom fits under it, a little more does not meet the targets
            double capacity = c.requestsPerSecondCapacity() / c.replicas();
            soft.assertThat(capacity).isGreaterThanOrEqualTo(share / r.headroom() * (1 - 1e-9));
            soft.assertThat(within(e.atRate(capacity * 1.001), r)).isFalse();
            soft.assertThat(c.costs()).isEqualTo(e.costsAt(c.load()));
            soft.assertThat(c.timeToFirstTokenP90()).isEqualTo(c.load().timeToFirstTokenP90());
            soft.assertThat(c.timePerOutputTokenP90()).isEqualTo(c.load().timePerOutputTokenP90());
            soft.assertThat(c.timeToFirstTokenP90Interval()).isEqualTo(e.timeInterval(c.timeToFirstTokenP90()));
            soft.assertThat(c.timePerOutputTokenP90Interval()).isEqualTo(e.timeInterval(c.timePerOutputTokenP90()));
            soft.assertThat(c.costPerMillionOutputTokensInterval())
                    .isEqualTo(e.costInterval(c.costs().perMillionOutputTokens()));
            soft.assertThat(c.toString()).contains(c.costPerMonth().toString(), "batch cap " + c.maxBatch());
        }
        for (int i = 1; i < plan.candidates().size(); i++) {
            soft.assertThat(plan.candidates().get(i).costPerMonth())
                    .isGreaterThanOrEqualTo(plan.candidates().get(i - 1).costPerMonth());
        }
        soft.assertAll();
    }

    @Test
    void noCheaperDeploymentExistsThanAPlainEnumerationFinds() {
        PlanRequest r = small().build();
        Plan plan = r.plan();
        double cheapest = Double.MAX_VALUE;
        int evaluated = 0;
        for (HardwareSpec h : r.hardware()) {
            for (int tp = 1; tp <= 2; tp++) {
                for (Formats f : r.formats()) {
                    Deployment d = LlmCost.model(r.model())
                            .hardware(h)
                            .tensorParallel(tp)
                            .weights(f.weights())
                            .pricePerHour(h.rentalUsdPerHour().getAsDouble())
                            .deployment();
                    for (int cap = 1; cap <= 16; cap *= 2) {
                        ServingEstimate e;
                        try {
                            e = d.serving(TRAFFIC, SMALL.withMaxBatchSize(cap));
                        } catch (InfeasibleConfigurationException x) {
                            continue;
                        }
                        for (int n = 1; n <= 64; n++) {
                            evaluated++;
                            if (within(e.atRate(r.requestsPerSecond() / n / r.headroom()), r)) {
                                cheapest = Math.min(
                                        cheapest, n * tp * h.rentalUsdPerHour().getAsDouble() * 730);
                                break;
                            }
                        }
                    }
                }
            }
        }
        assertThat(evaluated).isGreaterThan(100);
        assertThat(plan.best().orElseThrow().costPerMonth().toUsd()).isCloseTo(cheapest, withinPercentage(1e-9));
        assertThat(plan.cheapestPerMonth()).contains(plan.best().orElseThrow().costPerMonth());
        // the search tests far fewer combinations than the enumeration
        assertThat(plan.candidatesEvaluated()).isPositive().isLessThan(evaluated);
    }

    @Test
    void withoutTargetsTheCapacityIsTheSaturatedRateAndTheLimitIsWhatCapsTheBatch() {
        PlanRequest r = PlanRequest.builder()
                .model(ModelPresets.LLAMA_3_1_8B)
                .traffic(TRAFFIC)
                .requestsPerSecond(30)
                .addHardware(HardwarePresets.H100_SXM)
                .maxGpusPerReplica(1)
                .build();
        PlanCandidate c = r.plan().best().orElseThrow();
        double saturated = c.serving().saturation().requestsPerSecond();
        assertThat(c.requestsPerSecondCapacity() / c.replicas()).isCloseTo(saturated, withinPercentage(1e-3));
        assertThat(c.replicas()).isEqualTo((long) Math.ceil(30 / (0.8 * saturated)));
        assertThat(c.capacityLimit().name())
                .isEqualTo(c.serving().saturation().concurrencyLimit().name());
        assertThat(c.maxBatch()).isEqualTo(Scheduler.DEFAULT_MAX_BATCH_SIZE);
    }

    @Test
    void aTightTimePerOutputTokenTargetIsWhatBindsTheCapacity() {
        PlanCandidate c = small().hardware(List.of(HardwarePresets.H100_SXM))
                .formats(List.of(Formats.BF16))
                .maxGpusPerReplica(1)
                .timeToFirstTokenP90(Seconds.of(30))
                .timePerOutputTokenP90(Seconds.of(12e-3))
                .scheduler(Scheduler.defaults())
                .build()
                .plan()
                .best()
                .orElseThrow();
        assertThat(c.capacityLimit()).isEqualTo(CapacityLimit.TPOT_SLO);
        assertThat(c.timePerOutputTokenP90().toSeconds()).isLessThanOrEqualTo(0.012);
    }

    @Test
    void aTightTimeToFirstTokenTargetIsWhatBindsTheCapacity() {
        PlanCandidate c = small().hardware(List.of(HardwarePresets.H100_SXM))
                .formats(List.of(Formats.BF16))
                .maxGpusPerReplica(1)
                .timeToFirstTokenP90(Seconds.of(250e-3))
                .timePerOutputTokenP90(Seconds.of(1))
                .build()
                .plan()
                .best()
                .orElseThrow();
        assertThat(c.capacityLimit()).isEqualTo(CapacityLimit.TTFT_SLO);
        assertThat(c.timeToFirstTokenP90().toSeconds()).isLessThanOrEqualTo(0.25);
    }

    @Test
    void whenNothingIsFeasibleThePlanSaysWhyForEveryDeployment() {
        Plan plan = small().timeToFirstTokenP90(Seconds.of(1e-3)).build().plan();
        assertThat(plan.feasible()).isFalse();
        assertThat(plan.best()).isEmpty();
        assertThat(plan.cheapestPerMonth()).isEmpty();
        // A100 has no FP8 path: those two are set aside for the format, the other six for the target
        assertThat(plan.exclusions()).hasSize(8);
        assertThat(plan.exclusions())
                .filteredOn(x -> x.reason().contains("above the target 1 ms"))
                .hasSize(6);
        assertThat(plan.toString()).contains("No deployment searched serves it", "above the target");

        Plan tpot = small().timePerOutputTokenP90(Seconds.of(1e-3)).build().plan();
        assertThat(tpot.exclusions())
                .filteredOn(x -> x.reason().contains("one decode step takes"))
                .hasSize(6);
    }

    @Test
    void aRateBeyondAMillionReplicasIsSetAside() {
        PlanRequest r = small().requestsPerSecond(1e7)
                .hardware(List.of(HardwarePresets.H100_SXM))
                .formats(List.of(Formats.BF16))
                .maxGpusPerReplica(1)
                .build();
        Plan plan = r.plan();
        assertThat(plan.feasible()).isFalse();
        assertThat(plan.exclusions())
                .singleElement()
                .satisfies(x -> assertThat(x.reason()).isEqualTo("needs more than 1000000 replicas"));
        // well under the bound the search still answers
        PlanRequest near = small().requestsPerSecond(1e5)
                .hardware(List.of(HardwarePresets.H100_SXM))
                .formats(List.of(Formats.BF16))
                .maxGpusPerReplica(1)
                .build();
        PlanCandidate c = near.plan().best().orElseThrow();
        assertThat(c.replicas()).isGreaterThan(1000).isLessThan(Planner.MAX_REPLICAS);
    }

    @Test
    void aModelThatDoesNotFitAndAChipWithoutAPriceAreSetAsideWithTheirReasons() {
        Plan plan = PlanRequest.builder()
                .model(ModelPresets.LLAMA_3_1_70B)
                .traffic(TRAFFIC)
                .requestsPerSecond(1)
                .addHardware(HardwarePresets.L4, HardwarePresets.RTX_4090)
                .maxGpusPerReplica(1)
                .build()
                .plan();
        assertThat(plan.feasible()).isFalse();
        assertThat(plan.exclusions()).hasSize(2);
        assertThat(plan.exclusions().get(0).deployment()).contains("NVIDIA L4");
        assertThat(plan.exclusions().get(0).reason()).containsIgnoringCase("memory");
        assertThat(plan.exclusions().get(1).reason()).contains("no rental price");
        assertThat(plan.exclusions().get(1).toString()).startsWith("NVIDIA GeForce RTX 4090: no rental price");
    }

    @Test
    void aPriceOverrideReplacesThePresetsAndCanChangeTheWinner() {
        PlanRequest base = small().formats(List.of(Formats.BF16)).build();
        PlanCandidate best = base.plan().best().orElseThrow();
        HardwareSpec winner = best.deployment().hardware();
        HardwareSpec other =
                winner.equals(HardwarePresets.H100_SXM) ? HardwarePresets.A100_80GB : HardwarePresets.H100_SXM;
        PlanRequest cheaper = PlanRequest.builder()
                .from(base)
                .pricesPerHour(Map.of(other, 0.01))
                .build();
        assertThat(cheaper.pricePerHour(other)).contains(0.01);
        assertThat(cheaper.pricePerHour(winner))
                .contains(winner.rentalUsdPerHour().getAsDouble());
        assertThat(cheaper.pricePerHour(HardwarePresets.RTX_4090)).isEmpty();
        PlanCandidate now = cheaper.plan().best().orElseThrow();
        assertThat(now.deployment().hardware()).isEqualTo(other);
        assertThat(now.costPerMonth().toUsd()).isCloseTo(now.totalGpus() * 0.01 * 730, withinPercentage(1e-9));
    }

    @Test
    void theFrontierHoldsOnlyPointsNoOtherBeatsOnBothAxes() {
        Plan plan = small().build().plan();
        List<FrontierPoint> f = plan.frontier();
        assertThat(f).hasSizeGreaterThan(2);
        for (int i = 1; i < f.size(); i++) {
            assertThat(f.get(i).tokensPerSecondPerUser())
                    .isLessThanOrEqualTo(f.get(i - 1).tokensPerSecondPerUser());
            assertThat(f.get(i).outputTokensPerSecondPerGpu())
                    .isGreaterThan(f.get(i - 1).outputTokensPerSecondPerGpu());
        }
        List<FrontierPoint> all = new ArrayList<>(f);
        FrontierPoint dominated = new FrontierPoint(
                "slow",
                1,
                Formats.BF16,
                1,
                f.get(0).tokensPerSecondPerUser() / 2,
                f.get(0).outputTokensPerSecondPerGpu() / 2,
                Money.of(1));
        all.add(dominated);
        assertThat(Planner.frontier(all)).isEqualTo(f);
        // as fast per GPU but slower per user: not better on both axes, so not on the frontier
        FrontierPoint tied = new FrontierPoint(
                "tied",
                1,
                Formats.BF16,
                1,
                f.get(0).tokensPerSecondPerUser() / 2,
                f.get(0).outputTokensPerSecondPerGpu(),
                Money.of(1));
        all.add(tied);
        assertThat(Planner.frontier(all)).isEqualTo(f);
        FrontierPoint fastest =
                new FrontierPoint("fast", 1, Formats.BF16, 1, 2 * f.get(0).tokensPerSecondPerUser(), 1e-9, Money.of(1));
        all.add(fastest);
        assertThat(Planner.frontier(all)).startsWith(fastest).hasSize(f.size() + 1);
    }

    @Test
    void theApiComparisonPricesEveryTokenAtTheListPrices() {
        PlanRequest r = small().traffic(Traffic.of(2000, 300).withPrefix(1000, 0.5))
                .requestsPerSecond(2)
                .build();
        List<ApiCost> costs = r.plan().apiCosts();
        assertThat(costs).hasSize(ApiPriceBook.all().size());
        ApiCost mini = costs.stream()
                .filter(c -> c.api().equals(ApiPriceBook.GPT_4O_MINI))
                .findFirst()
                .orElseThrow();
        // 1,500 uncached prompt tokens at $0.15, 500 cached at $0.075, 300 output at $0.60 per million
        double perRequest = (1500 * 0.15 + 500 * 0.075 + 300 * 0.60) / 1e6;
        assertThat(mini.perMonth().toUsd()).isCloseTo(perRequest * 2 * 3600 * 730, withinPercentage(1e-9));
        assertThat(mini.perMillionTokensBlended().toUsd()).isCloseTo(perRequest * 1e6 / 2300, withinPercentage(1e-9));
        ApiPrice noCache = ApiPrice.builder()
                .from(ApiPriceBook.GPT_4O_MINI)
                .cachedInputUsdPerMillion(java.util.OptionalDouble.empty())
                .build();
        assertThat(noCache.cachedInputUsdPerMillion()).isEmpty();
    }

    @Test
    void theReportNamesTheQuestionTheBestAndTheMonth() {
        Plan plan = small().build().plan();
        String text = plan.toString();
        assertThat(text)
                .contains("Plan for Llama 3.1 8B: 12.00 requests/s of 2000 in / 300 out")
                .contains("p90 TTFT <= 1 s", "p90 TPOT <= 40 ms", "headroom 80%")
                .contains("Best: " + plan.best().orElseThrow())
                .contains("  then " + plan.candidates().get(1))
                .contains("via OpenAI GPT-4o mini")
                .contains(plan.candidatesEvaluated() + " candidates evaluated")
                .contains("a month is 730 hours");
        assertThat(plan.request()).isEqualTo(small().build());
    }

    @Test
    void withoutTargetsTheSaturatedBoundIsTheAnswerAndOneTestPerCapConfirmsIt() {
        PlanRequest r = PlanRequest.builder()
                .model(ModelPresets.LLAMA_3_1_8B)
                .traffic(TRAFFIC)
                .requestsPerSecond(30)
                .addHardware(HardwarePresets.H100_SXM)
                .maxGpusPerReplica(1)
                .build();
        Plan plan = r.plan();
        // caps 1, 2, 4, ... 512 and 1,024: one evaluation each
        assertThat(plan.candidatesEvaluated()).isEqualTo(11);
        assertThat(plan.candidates()).hasSize(1);
    }

    @Test
    void aFrontierPointIsADeploymentAtSaturation() {
        Scheduler one = Scheduler.builder().maxBatchSize(1).build();
        Plan plan = small().hardware(List.of(HardwarePresets.H100_SXM))
                .formats(List.of(Formats.BF16))
                .maxGpusPerReplica(2)
                .scheduler(one)
                .timeToFirstTokenP90(Seconds.of(30))
                .timePerOutputTokenP90(Seconds.of(1))
                .requestsPerSecond(0.1)
                .build()
                .plan();
        ServingEstimate two = LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .tensorParallel(2)
                .pricePerHour(HardwarePresets.H100_SXM.rentalUsdPerHour().getAsDouble())
                .deployment()
                .serving(TRAFFIC, one);
        FrontierPoint p = plan.frontier().stream()
                .filter(f -> f.tensorParallel() == 2)
                .findFirst()
                .orElseThrow();
        assertThat(p.hardware()).isEqualTo("NVIDIA H100 SXM");
        assertThat(p.maxBatch()).isEqualTo(1);
        assertThat(p.formats()).isEqualTo(Formats.BF16);
        assertThat(p.tokensPerSecondPerUser())
                .isCloseTo(1 / two.saturation().timePerOutputToken().toSeconds(), withinPercentage(1e-9));
        assertThat(p.outputTokensPerSecondPerGpu())
                .isCloseTo(two.saturation().outputTokensPerSecond() / 2, withinPercentage(1e-9));
        assertThat(p.costPerMillionOutputTokens()).isEqualTo(two.costs().perMillionOutputTokens());
        assertThat(plan.candidates()).hasSize(2);
        assertThat(plan.candidates()).allSatisfy(c -> assertThat(c.maxBatch()).isEqualTo(1));
    }

    @Test
    void describeNamesDevicesChipAndFormats() {
        Deployment one = LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H200)
                .weights(NumericFormat.FP8_E4M3)
                .kvCache(NumericFormat.FP8_E4M3)
                .deployment();
        assertThat(Plan.describe(one)).isEqualTo("NVIDIA H200, W8A8 (fp8_e4m3 weights), KV fp8_e4m3");
        assertThat(Plan.describe(one.withTensorParallel(2)))
                .isEqualTo("2 x NVIDIA H200, W8A8 (fp8_e4m3 weights), KV fp8_e4m3");
        PlanCandidate c = small().build().plan().best().orElseThrow();
        assertThat(c.toString())
                .contains(String.format(java.util.Locale.ROOT, "utilisation %.0f%%", 100 * c.utilization()));
    }

    @Test
    void caps() {
        assertThat(Planner.caps(16)).containsExactly(1, 2, 4, 8, 16);
        assertThat(Planner.caps(12)).containsExactly(1, 2, 4, 8, 12);
        assertThat(Planner.caps(1)).containsExactly(1);
        assertThat(CapacityLimit.TPOT_SLO.id()).isEqualTo("tpot-slo");
        assertThat(CapacityLimit.KV_CACHE.id()).isEqualTo("kv-cache");
    }

    @Test
    void defaults() {
        PlanRequest r = PlanRequest.builder()
                .model(ModelPresets.LLAMA_3_1_8B)
                .traffic(TRAFFIC)
                .requestsPerSecond(1)
                .build();
        assertThat(r.candidateHardware())
                .isEqualTo(PlanRequest.defaultHardware())
                .contains(HardwarePresets.H100_SXM, HardwarePresets.MI300X, HardwarePresets.H20)
                .doesNotContain(HardwarePresets.RTX_4090, HardwarePresets.APPLE_M2_ULTRA);
        // The H20 has no published price: a default plan sets it aside and says why; a price brings it in
        Plan plan = r.plan();
        assertThat(plan.exclusions())
                .anySatisfy(x -> assertThat(x.toString()).contains("NVIDIA H20").contains("no rental price"));
        assertThat(plan.candidates()).noneMatch(c -> c.deployment().hardware().equals(HardwarePresets.H20));
        Plan priced = PlanRequest.builder()
                .from(r)
                .putPricesPerHour(HardwarePresets.H20, 1.0)
                .build()
                .plan();
        assertThat(priced.candidates()).anyMatch(c -> c.deployment().hardware().equals(HardwarePresets.H20));
        assertThat(r.candidateFormats()).containsExactly(Formats.BF16);
        PlanRequest twice = PlanRequest.builder()
                .from(r)
                .addHardware(HardwarePresets.H200, HardwarePresets.H200)
                .addFormats(Formats.BF16, Formats.BF16)
                .build();
        assertThat(twice.candidateHardware()).containsExactly(HardwarePresets.H200);
        assertThat(twice.candidateFormats()).containsExactly(Formats.BF16);
        assertThat(r.headroom()).isEqualTo(0.8);
        assertThat(r.maxGpusPerReplica()).isEqualTo(8);
        assertThat(r.scheduler()).isEqualTo(Scheduler.defaults());
        assertThat(PlanRequest.HOURS_PER_MONTH).isEqualTo(365 * 24 / 12.0);
    }

    @Test
    void badRequestsNameWhatWasTyped() {
        assertThatThrownBy(() -> small().requestsPerSecond(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("requestsPerSecond (0.0) must be in [1.0E-6, 1.0E7]");
        assertThatThrownBy(() ->
                        small().requestsPerSecond(Double.POSITIVE_INFINITY).build())
                .hasMessageContaining("requestsPerSecond (Infinity)");
        assertThatThrownBy(() -> small().requestsPerSecond(1.01e7).build()).hasMessageContaining("(1.01E7)");
        assertThatThrownBy(() -> small().requestsPerSecond(0.99e-6).build()).hasMessageContaining("(9.9E-7)");
        assertThat(small().requestsPerSecond(1e7).build().requestsPerSecond()).isEqualTo(1e7);
        assertThat(small().requestsPerSecond(1e-6).build().requestsPerSecond()).isEqualTo(1e-6);
        assertThatThrownBy(() -> small().putPricesPerHour(HardwarePresets.H100_SXM, 1.01e6)
                        .build())
                .hasMessage("pricesPerHour (NVIDIA H100 SXM = 1010000.0) must be > 0 and at most 1000000.0");
        assertThat(small().putPricesPerHour(HardwarePresets.H100_SXM, 1e6)
                        .build()
                        .pricePerHour(HardwarePresets.H100_SXM))
                .contains(1e6);
        assertThatThrownBy(() -> small().headroom(0).build()).hasMessage("headroom (0.0) must be in (0, 1]");
        assertThatThrownBy(() -> small().headroom(1.5).build()).hasMessage("headroom (1.5) must be in (0, 1]");
        assertThat(small().headroom(1).build().headroom()).isEqualTo(1);
        assertThatThrownBy(() -> small().maxGpusPerReplica(0).build()).hasMessage("maxGpusPerReplica (0) must be > 0");
        assertThatThrownBy(() -> small().timeToFirstTokenP90(Seconds.ZERO).build())
                .hasMessageStartingWith("timeToFirstTokenP90 (");
        assertThatThrownBy(() -> small().timePerOutputTokenP90(Seconds.ZERO).build())
                .hasMessageStartingWith("timePerOutputTokenP90 (");
        assertThatThrownBy(() ->
                        small().putPricesPerHour(HardwarePresets.H100_SXM, -1.0).build())
                .hasMessage("pricesPerHour (NVIDIA H100 SXM = -1.0) must be > 0 and at most 1000000.0");
        assertThatThrownBy(() -> small().putPricesPerHour(HardwarePresets.H100_SXM, Double.NaN)
                        .build())
                .hasMessageContaining("NaN");
    }
}
