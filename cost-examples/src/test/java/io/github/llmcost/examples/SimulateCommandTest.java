package io.github.llmcost.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.economics.Deployment;
import io.github.llmcost.economics.LlmCost;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.serving.Scheduler;
import io.github.llmcost.hardware.serving.Traffic;
import io.github.llmcost.hardware.serving.sim.Arrivals;
import io.github.llmcost.hardware.serving.sim.Lengths;
import io.github.llmcost.hardware.serving.sim.LengthsFile;
import io.github.llmcost.hardware.serving.sim.Router;
import io.github.llmcost.hardware.serving.sim.Simulation;
import io.github.llmcost.hardware.serving.sim.SimulationResult;
import io.github.llmcost.hardware.serving.sim.SyntheticSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code llm-cost simulate}: its JSON reads the simulation's figures, the cost is the devices' paid time over the
 * output tokens, the per-request CSV and traces work, a deployment that cannot hold a request exits 3 and bad options
 * exit 2 in one line.
 */
class SimulateCommandTest {
    private static final Deployment EIGHT_B_FP8 = LlmCost.model(ModelPresets.LLAMA_3_1_8B)
            .hardware(HardwarePresets.H100_SXM)
            .weights(NumericFormat.FP8_E4M3)
            .deployment();

    private static final String[] BASE = {
        "simulate", "--model", "llama-3.1-8b", "--weights", "fp8", "--input", "2000", "--output", "200"
    };

    private static String[] with(String... more) {
        String[] args = java.util.Arrays.copyOf(BASE, BASE.length + more.length);
        System.arraycopy(more, 0, args, BASE.length, more.length);
        return args;
    }

    @Test
    void jsonReadsTheSimulationsFiguresAndPricesThePaidTime() throws IOException {
        JsonNode j = LlmCostCliTest.json(with(
                "--rate",
                "30",
                "--duration",
                "20",
                "--replicas",
                "2",
                "--router",
                "prefix-affinity",
                "--shared-prefix",
                "1500",
                "--prefix-groups",
                "4",
                "--seed",
                "9",
                "--json"));
        SimulationResult r = Simulation.builder(EIGHT_B_FP8.compiled(), Scheduler.defaults(), Traffic.of(2000, 200))
                .replicas(2)
                .router(Router.PREFIX_AFFINITY)
                .build()
                .run(SyntheticSource.builder()
                        .arrivals(Arrivals.poisson(30))
                        .durationSeconds(20)
                        .input(Lengths.fixed(2000))
                        .output(Lengths.fixed(200))
                        .prefixGroups(4, 1500)
                        .seed(9)
                        .build());
        assertThat(j.get("completedRequests").asLong()).isEqualTo(r.completedRequests());
        assertThat(j.get("ttftSecondsP90").asDouble()).isEqualTo(r.ttftSecondsP90());
        assertThat(j.get("tpotSecondsP99").asDouble()).isEqualTo(r.tpotSecondsP99());
        assertThat(j.get("e2eSecondsP50").asDouble()).isEqualTo(r.e2eSecondsP50());
        assertThat(j.get("prefixCacheHitRate").asDouble())
                .isEqualTo(r.prefixCacheHitRate())
                .isGreaterThan(0.9);
        assertThat(j.get("simulatedSeconds").asDouble()).isEqualTo(r.simulatedSeconds());
        double usd = 2 * EIGHT_B_FP8.pricing().orElseThrow().usdPerDeviceHour() * r.simulatedSeconds() / 3600;
        assertThat(j.get("costPerMillionOutputTokensUsd").asDouble())
                .isCloseTo(usd / (r.completedRequests() * 200.0) * 1e6, withinPercentage(1e-9));
        for (String field : List.of(
                "completedRequests",
                "outputTokensPerSecond",
                "requestsPerSecond",
                "ttftSecondsP50",
                "ttftSecondsP90",
                "ttftSecondsP99",
                "tpotSecondsP50",
                "tpotSecondsP90",
                "tpotSecondsP99",
                "e2eSecondsP50",
                "e2eSecondsP99",
                "prefixCacheHitRate",
                "preemptions",
                "utilization",
                "costPerMillionOutputTokensUsd",
                "simulatedSeconds")) {
            assertThat(j.has(field)).as(field).isTrue();
        }
        assertThat(j.get("router").asText()).isEqualTo("prefix-affinity");
        assertThat(j.get("maxQueueLength").asLong()).isEqualTo(r.maxQueueLength());
        assertThat(j.get("meanQueueLength").asDouble()).isEqualTo(r.meanQueueLength());
        JsonNode queue = j.get("queueLength");
        assertThat(queue.size()).isEqualTo(r.queueLength().size()).isBetween(128, 256);
        for (int i : new int[] {0, queue.size() / 2, queue.size() - 1}) {
            assertThat(queue.get(i).get("seconds").asDouble())
                    .isEqualTo(r.queueLength().get(i).seconds());
            assertThat(queue.get(i).get("waiting").asDouble())
                    .isEqualTo(r.queueLength().get(i).waiting());
            assertThat(queue.get(i).get("running").asDouble())
                    .isEqualTo(r.queueLength().get(i).running());
        }
    }

    @Test
    void aTraceIsReplayedAndEachRequestLogged(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("trace.jsonl");
        Files.writeString(
                trace,
                "{\"arrival\": 0, \"input\": 500, \"output\": 20}\n{\"arrival\": 0.5, \"input\": 800, \"output\": 10,"
                        + " \"prefixId\": 1, \"prefixTokens\": 300}\n",
                StandardCharsets.UTF_8);
        Path csv = dir.resolve("requests.csv");
        JsonNode j =
                LlmCostCliTest.json(with("--arrival", "trace:" + trace, "--requests-csv", csv.toString(), "--json"));
        assertThat(j.get("completedRequests").asLong()).isEqualTo(2);
        List<String> rows = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).startsWith("arrival_s,replica,input_tokens");
        LlmCostCliTest.Run text = LlmCostCliTest.run(with(
                "--rate",
                "2",
                "--duration",
                "5",
                "--arrival",
                "gamma:3",
                "--lengths",
                "lognormal:0.5",
                "--ttft-slo",
                "1",
                "--tpot-slo",
                "0.1"));
        assertThat(text.code()).isZero();
        assertThat(text.out())
                .contains("time to first token: p50", "per million output tokens", "goodput", "queue: at most ");
        JsonNode split =
                LlmCostCliTest.json(with("--rate", "5", "--duration", "10", "--disaggregate", "1p2d", "--json"));
        assertThat(split.get("replicas").asInt()).isEqualTo(3);
        assertThat(split.get("disaggregate").asText()).isEqualTo("1p2d");
        assertThat(split.get("completedRequests").asLong()).isPositive();
    }

    @Test
    void aDeploymentThatCannotHoldARequestExitsThreeAndBadOptionsTwo() throws IOException {
        LlmCostCliTest.Run big = LlmCostCliTest.run("simulate", "--model", "llama-3.1-405b", "--rate", "1", "--json");
        assertThat(big.code()).isEqualTo(LlmCostCli.INFEASIBLE);
        JsonNode j = TrustTest.json(big);
        assertThat(j.get("feasible").asBoolean()).isFalse();
        assertThat(j.get("bindingLimit").asText()).isEqualTo("MEMORY");
        assertThat(big.err().trim().lines()).hasSize(1);
        for (String[] bad : List.of(
                new String[] {"--rate", "-1"},
                new String[] {"--router", "random"},
                new String[] {"--arrival", "gamma:x", "--rate", "1"},
                new String[] {"--arrival", "gamma:0", "--rate", "1"},
                new String[] {"--arrival", "weibull", "--rate", "1"},
                new String[] {"--arrival", "trace:"},
                new String[] {"--lengths", "zipf", "--rate", "1"},
                new String[] {"--lengths", "lognormal:9", "--rate", "1"},
                new String[] {"--prefix-groups", "0", "--shared-prefix", "10", "--rate", "1"},
                new String[] {"--prefix-groups", "2", "--rate", "1"},
                new String[] {"--replicas", "0", "--rate", "1"},
                new String[] {"--duration", "0", "--rate", "1"},
                new String[] {"--warmup", "-1", "--rate", "1"},
                new String[] {"--ttft-slo", "1", "--rate", "1"},
                new String[] {"--shared-prefix", "2000", "--rate", "1"},
                new String[] {"--max-batch", "0", "--rate", "1"},
                new String[] {"--disaggregate", "2p", "--rate", "1"},
                new String[] {"--disaggregate", "0p2d", "--rate", "1"},
                new String[] {"--disaggregate", "1p1d", "--replicas", "3", "--rate", "1"},
                new String[] {"--rate", "1e9"},
                new String[] {"--rate", "1e-300"},
                new String[] {"--warmup", "1e6", "--rate", "1"},
                new String[] {"--arrival", "gamma:1e-300", "--rate", "1"},
                new String[] {"--price-per-hour", "1e308", "--rate", "1"},
                new String[] {"--rate"})) {
            String[] args = with(bad);
            LlmCostCliTest.Run run = LlmCostCliTest.run(args);
            assertThat(run.code()).as(String.join(" ", args)).isEqualTo(LlmCostCli.USAGE);
            assertThat(run.err().trim().lines()).as(run.err()).hasSize(1);
            assertThat(run.err()).contains(bad[0]).doesNotContain("Exception");
        }
        LlmCostCliTest.Run absent = LlmCostCliTest.run(with("--arrival", "trace:/no/such/trace.csv"));
        assertThat(absent.code()).isEqualTo(LlmCostCli.USAGE);
        assertThat(absent.err().trim()).isEqualTo("llm-cost: /no/such/trace.csv: no such file or directory");
        LlmCostCliTest.Run missing = LlmCostCliTest.run(BASE);
        assertThat(missing.code()).isEqualTo(LlmCostCli.USAGE);
        assertThat(missing.err()).contains("--rate is required");
    }

    @Test
    void empiricalLengthsAreDrawnFromTheFilesColumns(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("lengths.csv");
        Files.writeString(file, "input,output\n1000,50\n3000,400\n2000,100\n", StandardCharsets.UTF_8);
        JsonNode j = LlmCostCliTest.json(
                with("--rate", "5", "--duration", "20", "--seed", "4", "--lengths", "empirical:" + file, "--json"));
        LengthsFile f;
        try (java.io.Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            f = LengthsFile.read(in, file.toString());
        }
        SimulationResult r = Simulation.builder(EIGHT_B_FP8.compiled(), Scheduler.defaults(), Traffic.of(2000, 200))
                .build()
                .run(SyntheticSource.builder()
                        .arrivals(Arrivals.poisson(5))
                        .durationSeconds(20)
                        .input(f.input())
                        .output(f.output())
                        .seed(4)
                        .build());
        assertThat(j.get("completedRequests").asLong())
                .isEqualTo(r.completedRequests())
                .isPositive();
        assertThat(j.get("outputTokensPerSecond").asDouble()).isEqualTo(r.outputTokensPerSecond());
        // outputs of 50, 100 and 400 tokens: neither all 200 (the nominal) nor one value
        assertThat(r.outputTokens()).isNotEqualTo(200 * r.completedRequests());
        assertThat(r.e2eSecondsP99()).isGreaterThan(2 * r.e2eSecondsP50());

        Files.writeString(file, "input,output\n1000,50\n3000,-2\n", StandardCharsets.UTF_8);
        LlmCostCliTest.Run bad = LlmCostCliTest.run(with("--rate", "5", "--lengths", "empirical:" + file));
        assertThat(bad.code()).isEqualTo(LlmCostCli.USAGE);
        assertThat(bad.err().trim()).isEqualTo("llm-cost: " + file + " line 3: output (-2) must be >= 1");
        LlmCostCliTest.Run absent = LlmCostCliTest.run(with("--rate", "5", "--lengths", "empirical:/no/such.csv"));
        assertThat(absent.code()).isEqualTo(LlmCostCli.USAGE);
        assertThat(absent.err().trim()).isEqualTo("llm-cost: /no/such.csv: no such file or directory");
        LlmCostCliTest.Run unnamed = LlmCostCliTest.run(with("--rate", "5", "--lengths", "empirical:"));
        assertThat(unnamed.code()).isEqualTo(LlmCostCli.USAGE);
        assertThat(unnamed.err()).contains("--lengths (empirical:) must name a file");
    }

    @Test
    void aChartOfSimulatedLatencyAgainstRateIsWritten(@TempDir Path dir) throws IOException {
        Path svg = dir.resolve("latency.svg");
        LlmCostCliTest.Run run =
                LlmCostCliTest.run(with("--duration", "10", "--replicas", "2", "--chart", svg.toString()));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().trim()).isEqualTo("wrote " + svg);
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        assertThat(text)
                .contains("<title>Simulated latency against request rate: Llama 3.1 8B on 1 x ")
                .contains("2 replica(s), 2000 in / 200 out")
                .contains("x axis: requests per second; y axis: milliseconds; series: simulated TTFT p50,"
                        + " simulated TTFT p90, simulated TTFT p99, model TTFT p90, simulated TPOT p50,"
                        + " simulated TPOT p90, simulated TPOT p99, model TPOT p90");
        for (String[] bad : List.of(
                new String[] {"--chart", dir.resolve("latency.txt").toString()},
                new String[] {"--chart", dir.resolve("no/such/dir.svg").toString()},
                new String[] {"--chart", svg.toString(), "--rate", "3"})) {
            LlmCostCliTest.Run refused = LlmCostCliTest.run(with(bad));
            assertThat(refused.code()).as(refused.err()).isEqualTo(LlmCostCli.USAGE);
            assertThat(refused.err().trim().lines()).hasSize(1);
            assertThat(refused.err()).contains("--chart (");
        }
    }

    @Test
    void aMalformedTraceExitsTwoNamingTheLine(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("trace.csv");
        Files.writeString(trace, "0,100,10\n1,abc,10\n", StandardCharsets.UTF_8);
        LlmCostCliTest.Run run = LlmCostCliTest.run(with("--arrival", "trace:" + trace));
        assertThat(run.code()).isEqualTo(LlmCostCli.USAGE);
        assertThat(run.err().trim()).isEqualTo("llm-cost: trace line 2: input (abc) is not a number");
    }
}
