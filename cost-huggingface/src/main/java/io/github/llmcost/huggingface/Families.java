package io.github.llmcost.huggingface;

import static java.util.function.Function.identity;
import static java.util.stream.Collectors.toUnmodifiableMap;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of families: one {@link Family} per supported {@code model_type}. The mappings live in files grouped
 * by kin ({@link LlamaFamilies}, {@link QwenFamilies}, {@link GemmaPhiFamilies}, {@link ExpertFamilies}, {@link
 * GptFalconFamilies}, {@link Lfm2Family}, {@link StateSpaceFamilies}, {@link Qwen3NextFamily}), sharing the pieces in {@link FamilyParts}; the rules are documented on
 * {@link HuggingFaceConfig}.
 *
 * <p>Adding a family takes its mapping, its entry in {@link #ALL} and its row in {@link HuggingFaceConfig}'s table
 * (with the entry's description; a test checks the table and the README's list against {@link #ALL}).
 */
final class Families {
    private Families() {}

    /** Every family, in the order of {@link HuggingFaceConfig}'s table and the README's list. */
    static final List<Family> ALL = List.of(
            LlamaFamilies.LLAMA,
            LlamaFamilies.MISTRAL,
            ExpertFamilies.MIXTRAL,
            QwenFamilies.QWEN2,
            QwenFamilies.QWEN3,
            ExpertFamilies.QWEN3_MOE,
            GemmaPhiFamilies.GEMMA2,
            Lfm2Family.LFM2,
            ExpertFamilies.DEEPSEEK_V3,
            GemmaPhiFamilies.PHI3,
            GptFalconFamilies.FALCON,
            GptFalconFamilies.GPT2,
            StateSpaceFamilies.GEMMA3_TEXT,
            StateSpaceFamilies.MAMBA2,
            StateSpaceFamilies.GRANITE_HYBRID,
            Qwen3NextFamily.QWEN3_NEXT);

    /** The families by {@code model_type}; building it rejects a type registered twice. */
    private static final Map<String, Family> BY_TYPE =
            ALL.stream().collect(toUnmodifiableMap(Family::modelType, identity()));

    /** The supported {@code model_type} values, sorted. */
    static final List<String> SUPPORTED =
            ALL.stream().map(Family::modelType).sorted().toList();

    /** {@return the family of a {@code model_type}, or empty when it is not supported} */
    static Optional<Family> find(String modelType) {
        return Optional.ofNullable(BY_TYPE.get(modelType));
    }

    /** The error for an unsupported type, given as JSON text such as {@code "\"gemma3\""}. */
    static ConfigException unsupportedModelType(String shown) {
        return new ConfigException(
                "model_type", "model_type (" + shown + ") is not supported; supported: " + SUPPORTED);
    }
}
