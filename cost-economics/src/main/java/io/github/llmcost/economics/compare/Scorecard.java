package io.github.llmcost.economics.compare;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Convention;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.economics.Deployment;
import io.github.llmcost.economics.LlmCost;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.InferencePerformance;
import io.github.llmcost.hardware.calibration.CalibratedEfficiencies;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The article's section 8 as a table: models side by side on one device at a set of context lengths, against the
 * criteria the article sets for an architecture that wins at the edge (remove the {@code 4n^2d} term, shrink the KV
 * cache, move fewer bytes per decode step, tolerate INT4, fit the phone's 3-4 GB for AI):
 *
 * <pre>{@code
 * Scorecard card = Scorecard.builder()
 *     .models(ModelPresets.LLAMA_3_2_1B, ModelPresets.LFM2_1_2B)
 *     .hardware(HardwarePresets.SNAPDRAGON_8_ELITE_CPU)    // 4 GB for AI by default: the article's budget
 *     .build();                                            // 1K, 4K, 32K, 128K; INT4 weights, INT8 cache
 * card.rows().get(1).largestContext();                     // LFM2: 128,000 tokens (CONTEXT)
 * card.rows().get(0).growth(Figure.STATE_BYTES);           // 128x from 1K to 128K
 * }</pre>
 *
 * <p><b>The memory budget.</b> Each model is deployed on the device with its memory set to the budget and no framework
 * overhead beside it: the budget is all the memory the model may use, for weights, a prefill chunk's activations and
 * the sequence's cache and state. By default it is the article's 4 GB (the top of its "3-4 GB available for AI on a
 * phone", section 8) on the phone preset {@link HardwarePresets#SNAPDRAGON_8_ELITE_CPU}, and on any other chip its
 * memory less the library's default framework overhead ({@link InferencePerformance#DEFAULT_FRAMEWORK_OVERHEAD}), which
 * is what a default {@link Deployment} has. Times use the chip's own calibration ({@link
 * CalibratedEfficiencies#forHardware(HardwareSpec)}).
 *
 * <p>A model that does not fit is still on the card: its FLOPs, cache and weights are properties of the architecture;
 * its times are absent, and {@link ScorecardRow#largestContext()} says which limit binds. Nothing here is priced.
 *
 * <p>Immutable and thread-safe.
 */
public final class Scorecard {
    /** The article's memory for AI on a phone, the top of its 3-4 GB (section 8): 4 decimal GB. */
    public static final Bytes PHONE_AI_MEMORY = Bytes.ofGigabytes(4);

    /** The article's context lengths, section 2.7 and 5.3: 1K, 4K, 32K and 128K tokens. */
    private static final long[] ARTICLE_CONTEXTS = {1024, 4096, 32768, 131072};

    private final HardwareSpec hardware;
    private final Bytes memoryBudget;
    private final NumericFormat weights;
    private final NumericFormat kvCache;
    private final Convention convention;
    private final long[] contexts;
    private final List<ScorecardRow> rows;

    private Scorecard(Builder b, HardwareSpec hardware, Bytes memoryBudget) {
        this.hardware = hardware;
        this.memoryBudget = memoryBudget;
        this.weights = b.weights;
        this.kvCache = b.kvCache;
        this.convention = b.convention;
        this.contexts = b.contexts.clone();
        List<ScorecardRow> out = new ArrayList<>();
        HardwareSpec withinBudget = hardware.withMemoryCapacity(memoryBudget);
        for (ModelSpec model : b.models) {
            Deployment d = LlmCost.model(model)
                    .hardware(withinBudget)
                    .calibration(CalibratedEfficiencies.forHardware(hardware))
                    .frameworkOverhead(Bytes.ZERO)
                    .convention(convention)
                    .weights(weights)
                    .kvCache(kvCache)
                    .deployment();
            out.add(ScorecardRow.of(d, contexts));
        }
        this.rows = List.copyOf(out);
    }

    /** {@return a new builder: INT4 weights, INT8 cache, EXACT, the article's contexts, the chip's default budget} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The memory a chip gives a model by default: the article's {@link #PHONE_AI_MEMORY} on the phone preset, its
     * memory less the default framework overhead on any other chip.
     *
     * @param hardware the chip
     * @return the budget, at least zero
     */
    public static Bytes defaultMemoryBudget(HardwareSpec hardware) {
        Objects.requireNonNull(hardware, "hardware");
        if (hardware.equals(HardwarePresets.SNAPDRAGON_8_ELITE_CPU)) {
            return PHONE_AI_MEMORY;
        }
        Bytes capacity = hardware.memoryCapacity();
        Bytes overhead = InferencePerformance.DEFAULT_FRAMEWORK_OVERHEAD;
        return capacity.compareTo(overhead) > 0 ? capacity.minus(overhead) : Bytes.ZERO;
    }

    /** {@return the device} */
    public HardwareSpec hardware() {
        return hardware;
    }

    /** {@return the memory each model may use on the device: weights, activations, cache and state} */
    public Bytes memoryBudget() {
        return memoryBudget;
    }

    /** {@return the weights' format} */
    public NumericFormat weights() {
        return weights;
    }

    /** {@return the KV cache's and state's format} */
    public NumericFormat kvCache() {
        return kvCache;
    }

    /** {@return the accounting convention} */
    public Convention convention() {
        return convention;
    }

    /** {@return the context lengths, increasing} */
    public long[] contexts() {
        return contexts.clone();
    }

    /** {@return one line per model, in the order given} */
    public List<ScorecardRow> rows() {
        return rows;
    }

    /** {@return whether at least one model runs on the device at the first context} */
    public boolean anyRuns() {
        return rows.stream().anyMatch(r -> r.contexts().get(0).isFeasible());
    }

    /** {@return the device, budget and formats, then one line per model} */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(hardware.name() + ", " + memoryBudget + " for the model, weights "
                + weights + ", cache " + kvCache + ", " + convention + ", contexts " + Arrays.toString(contexts));
        for (ScorecardRow row : rows) {
            out.append(System.lineSeparator()).append("  ").append(row);
        }
        return out.toString();
    }

    /** Collects a scorecard's models, device and settings; {@link #build()} computes it. Not thread-safe. */
    public static final class Builder {
        private final List<ModelSpec> models = new ArrayList<>();
        private HardwareSpec hardware = HardwarePresets.SNAPDRAGON_8_ELITE_CPU;
        private Bytes memoryBudget = Bytes.ZERO;
        private boolean budgetSet;
        private NumericFormat weights = NumericFormat.INT4;
        private NumericFormat kvCache = NumericFormat.INT8;
        private Convention convention = Convention.EXACT;
        private long[] contexts = ARTICLE_CONTEXTS.clone();

        private Builder() {}

        /**
         * The models, replacing any given before.
         *
         * @param models at least one
         * @return this builder
         */
        public Builder models(List<ModelSpec> models) {
            Objects.requireNonNull(models, "models");
            if (models.isEmpty()) {
                throw new IllegalArgumentException("models ([]) must hold at least one model");
            }
            models.forEach(m -> Objects.requireNonNull(m, "models holds a null"));
            this.models.clear();
            this.models.addAll(models);
            return this;
        }

        /**
         * The models, replacing any given before.
         *
         * @param models at least one
         * @return this builder
         */
        public Builder models(ModelSpec... models) {
            return models(Arrays.asList(models));
        }

        /**
         * The device; the phone preset by default.
         *
         * @param hardware the chip
         * @return this builder
         */
        public Builder hardware(HardwareSpec hardware) {
            this.hardware = Objects.requireNonNull(hardware, "hardware");
            return this;
        }

        /**
         * The memory each model may use; {@link #defaultMemoryBudget(HardwareSpec)} of the device by default.
         *
         * @param budget {@code > 0} and at most the device's memory (checked at {@link #build()})
         * @return this builder
         */
        public Builder memoryBudget(Bytes budget) {
            Objects.requireNonNull(budget, "memoryBudget");
            if (!(budget.toBytes() > 0)) {
                throw new IllegalArgumentException("memoryBudget (" + budget + ") must be > 0");
            }
            this.memoryBudget = budget;
            this.budgetSet = true;
            return this;
        }

        /**
         * The weights' format; INT4 by default, as the article's edge deployment.
         *
         * @param format the format
         * @return this builder
         */
        public Builder weights(NumericFormat format) {
            this.weights = Objects.requireNonNull(format, "weights");
            return this;
        }

        /**
         * The cache's format; INT8 by default, as the article's section 5.3.
         *
         * @param format the format
         * @return this builder
         */
        public Builder kvCache(NumericFormat format) {
            this.kvCache = Objects.requireNonNull(format, "kvCache");
            return this;
        }

        /**
         * The accounting convention; EXACT by default.
         *
         * @param convention the convention
         * @return this builder
         */
        public Builder convention(Convention convention) {
            this.convention = Objects.requireNonNull(convention, "convention");
            return this;
        }

        /**
         * The context lengths; 1K, 4K, 32K and 128K by default.
         *
         * @param contexts tokens, at least one, each {@code >= 1}, strictly increasing
         * @return this builder
         */
        public Builder contexts(long... contexts) {
            Objects.requireNonNull(contexts, "contexts");
            if (contexts.length == 0) {
                throw new IllegalArgumentException("contexts ([]) must hold at least one context length");
            }
            for (int i = 0; i < contexts.length; i++) {
                if (contexts[i] < 1) {
                    throw new IllegalArgumentException("contexts (" + contexts[i] + ") must be > 0");
                }
                if (i > 0 && contexts[i] <= contexts[i - 1]) {
                    throw new IllegalArgumentException(
                            "contexts (" + contexts[i - 1] + ", " + contexts[i] + ") must be strictly increasing");
                }
            }
            this.contexts = contexts.clone();
            return this;
        }

        /**
         * Computes the scorecard.
         *
         * @return the scorecard
         * @throws IllegalStateException if no model was given
         * @throws IllegalArgumentException if the budget exceeds the device's memory, or the device's default
         *     budget is nothing
         */
        public Scorecard build() {
            if (models.isEmpty()) {
                throw new IllegalStateException("models must be set: at least one model to compare");
            }
            Bytes budget = budgetSet ? memoryBudget : defaultMemoryBudget(hardware);
            if (budget.compareTo(hardware.memoryCapacity()) > 0) {
                throw new IllegalArgumentException("memoryBudget (" + budget + ") must be at most " + hardware.name()
                        + "'s memory (" + hardware.memoryCapacity() + ")");
            }
            if (!(budget.toBytes() > 0)) {
                throw new IllegalArgumentException("memoryBudget (" + budget + ") must be > 0: " + hardware.name()
                        + " has no memory beyond the default framework overhead; set a budget");
            }
            return new Scorecard(this, hardware, budget);
        }
    }
}
