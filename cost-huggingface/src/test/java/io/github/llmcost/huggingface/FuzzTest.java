package io.github.llmcost.huggingface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmcost.core.ModelSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Fuzzing with QuickTheories: mutated real configs (keys dropped, values replaced by other types, negative, zero,
 * huge, fractional and non-finite numbers), truncated configs, configs with flipped bytes and random bytes. Whatever
 * the input, the reader returns a valid model or throws a {@link ConfigException} with a message; no other exception
 * escapes (no {@code NullPointerException}, {@code ClassCastException}, {@code ArithmeticException}, ...).
 *
 * <p>QuickTheories runs from a fixed seed, {@code SEED}, so that a failure replays: run the test again (its report
 * ends "Seed was" and that seed; to explore other inputs, change {@code SEED}).
 */
class FuzzTest {
    /** QuickTheories' seed, fixed so that a failure replays: rerun with the same value. */
    private static final long SEED = 20261130L;

    private static final int EXAMPLES = 3000;

    private static final List<String> FILES = PresetConfigsTest.CHECKPOINTS.stream()
            .map(PresetConfigsTest.Checkpoint::file)
            .toList();

    /** Replacement values, as raw JSON text; {@code null} (the Java value) means "drop the key". */
    private static final List<String> VALUES = List.of(
            "<drop>",
            "null",
            "0",
            "1",
            "2",
            "3",
            "-1",
            "-2147483648",
            "2147483647",
            "2147483648",
            "9223372036854775807",
            "-9223372036854775808",
            "123456789012345678901234567890",
            "16777216",
            "16777217",
            "65536",
            "65537",
            "4096.0",
            "0.5",
            "-0.0",
            "1e308",
            "1e-308",
            "1e999",
            "NaN",
            "Infinity",
            "-Infinity",
            "true",
            "false",
            "\"\"",
            "\"4096\"",
            "\"llama\"",
            "\"sliding_attention\"",
            "[]",
            "[0]",
            "[0, 1, 2]",
            "[-1]",
            "[99999]",
            "[\"conv\", \"full_attention\"]",
            "[null]",
            "{}",
            "{\"a\": 1}");

    /** Keys worth mutating: every key of every shipped config, plus keys some families read when present. */
    private static final List<String> KEYS = keys();

    private static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (String file : FILES) {
            Configs.tree(file).fieldNames().forEachRemaining(key -> {
                if (!keys.contains(key)) {
                    keys.add(key);
                }
            });
        }
        for (String key : List.of(
                "head_dim",
                "num_key_value_heads",
                "layer_types",
                "num_experts",
                "num_local_experts",
                "mlp_only_layers",
                "use_sliding_window",
                "max_window_layers",
                "num_kv_heads",
                "ffn_hidden_size",
                "num_ln_in_parallel_attn",
                "n_inner",
                "add_cross_attention",
                "_name_or_path")) {
            if (!keys.contains(key)) {
                keys.add(key);
            }
        }
        return List.copyOf(keys);
    }

    /** One mutation: set (or drop) {@code KEYS[key]} to {@code VALUES[value]}. */
    private record Mutation(int key, int value) {
        @Override
        public String toString() {
            return KEYS.get(key) + "=" + VALUES.get(value);
        }
    }

    private static Gen<Mutation> mutations() {
        return integers().between(0, KEYS.size() - 1).zip(integers().between(0, VALUES.size() - 1), Mutation::new);
    }

    private static String mutate(String file, List<Mutation> mutations) {
        ObjectNode tree = Configs.tree(file);
        List<String> raw = new ArrayList<>();
        for (Mutation m : mutations) {
            String key = KEYS.get(m.key());
            String value = VALUES.get(m.value());
            if (value.equals("<drop>")) {
                tree.remove(key);
            } else {
                tree.put(key, "@@" + raw.size() + "@@");
                raw.add(value);
            }
        }
        String text = tree.toString();
        for (int i = 0; i < raw.size(); i++) {
            text = text.replace("\"@@" + i + "@@\"", raw.get(i));
        }
        return text;
    }

    /** The property: a valid model, or a ConfigException with a message; nothing else. */
    private static void readsOrRejectsCleanly(String description, ThrowingRead read) {
        readsOrRejectsCleanly(description, read, new AtomicInteger(), new AtomicInteger());
    }

    private static void readsOrRejectsCleanly(
            String description, ThrowingRead read, AtomicInteger accepted, AtomicInteger rejected) {
        ModelSpec model;
        try {
            model = read.read();
        } catch (ConfigException e) {
            rejected.incrementAndGet();
            assertThat(e.getMessage()).as(description).isNotBlank();
            e.key().ifPresent(key -> assertThat(e.getMessage()).as(description).contains(key));
            return;
        } catch (RuntimeException | IOException | Error e) {
            throw new AssertionError(description + " threw " + e, e);
        }
        accepted.incrementAndGet();
        assertThat(model.name()).isNotBlank();
        assertThat(model.parameters().totalParameters()).as(description).isPositive();
        assertThat(model.numAttentionHeads() % model.numKeyValueHeads()).isZero();
    }

    @FunctionalInterface
    private interface ThrowingRead {
        ModelSpec read() throws IOException;
    }

    @Test
    void mutatedConfigsReadOrFailWithAConfigException() {
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(
                        integers().between(0, FILES.size() - 1),
                        lists().of(mutations()).ofSizeBetween(1, 4))
                .checkAssert((file, mutations) -> {
                    String json = mutate(FILES.get(file), mutations);
                    readsOrRejectsCleanly(
                            FILES.get(file) + " " + mutations, () -> HuggingFaceConfig.parse(json), accepted, rejected);
                });
        // Both outcomes are exercised: mutations of keys a family ignores, or to valid values, still read.
        assertThat(accepted.get()).isGreaterThan(EXAMPLES / 10);
        assertThat(rejected.get()).isGreaterThan(EXAMPLES / 10);
    }

    @Test
    void truncatedConfigsFailWithAConfigException() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(integers().between(0, FILES.size() - 1), integers().between(0, 100_000))
                .checkAssert((file, cut) -> {
                    String text = Configs.text(FILES.get(file));
                    String truncated = text.substring(0, cut % text.length());
                    boolean complete = truncated.strip().equals(text.strip());
                    readsOrRejectsCleanly(FILES.get(file) + " cut at " + truncated.length(), () -> {
                        ModelSpec model = HuggingFaceConfig.parse(truncated);
                        assertThat(complete)
                                .as("a truncated config was read: " + model)
                                .isTrue();
                        return model;
                    });
                });
    }

    @Test
    void configsWithFlippedBytesReadOrFailWithAConfigException() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(
                        integers().between(0, FILES.size() - 1),
                        lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 8),
                        integers().between(-128, 127))
                .checkAssert((file, positions, value) -> {
                    byte[] bytes = Configs.text(FILES.get(file)).getBytes(StandardCharsets.UTF_8);
                    for (int position : positions) {
                        bytes[position % bytes.length] = (byte) (int) value;
                    }
                    readsOrRejectsCleanly(
                            FILES.get(file) + " with " + value + " at " + positions,
                            () -> HuggingFaceConfig.read(new ByteArrayInputStream(bytes)));
                });
    }

    @Test
    void randomBytesFailWithAConfigException() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(lists().of(integers().between(-128, 127)).ofSizeBetween(0, 64))
                .checkAssert(values -> {
                    byte[] bytes = new byte[values.size()];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = (byte) (int) values.get(i);
                    }
                    readsOrRejectsCleanly(
                            "random bytes " + values, () -> HuggingFaceConfig.read(new ByteArrayInputStream(bytes)));
                });
    }

    @Test
    void randomTextOverJsonCharactersFailsWithAConfigException() {
        String alphabet = "{}[]\":,0123456789-.eE+ truefalsnNIiy\\\n_model_typeabcdhijkopqsuvwxz";
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(lists().of(integers().between(0, alphabet.length() - 1)).ofSizeBetween(0, 80))
                .checkAssert(indices -> {
                    StringBuilder text = new StringBuilder();
                    indices.forEach(i -> text.append(alphabet.charAt(i)));
                    readsOrRejectsCleanly("text " + text, () -> HuggingFaceConfig.parse(text.toString()));
                });
    }
}
