package io.github.llmcost.examples;

import io.github.llmcost.hardware.serving.sim.Arrivals;
import io.github.llmcost.hardware.serving.sim.Lengths;
import io.github.llmcost.hardware.serving.sim.LengthsFile;
import io.github.llmcost.hardware.serving.sim.Router;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The parsers of {@code llm-cost simulate}'s options: pools, router, arrivals and lengths. */
final class SimulateOptions {
    private SimulateOptions() {}

    static int[] pools(String spec) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(\\d{1,5})p(\\d{1,5})d").matcher(spec.toLowerCase(Locale.ROOT));
        if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(2)) < 1) {
            throw new IllegalArgumentException("--disaggregate (" + spec + ") must be XpYd, e.g. 2p6d, X and Y >= 1");
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    static Router router(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "round-robin" -> Router.ROUND_ROBIN;
            case "least-loaded" -> Router.LEAST_LOADED;
            case "prefix-affinity" -> Router.PREFIX_AFFINITY;
            default ->
                throw new IllegalArgumentException(
                        "--router (" + name + ") must be round-robin, least-loaded or prefix-affinity");
        };
    }

    static Arrivals arrivals(String spec, double rate) {
        String s = spec.toLowerCase(Locale.ROOT);
        if (s.equals("poisson")) {
            return Arrivals.poisson(rate);
        }
        if (s.equals("constant")) {
            return Arrivals.constant(rate);
        }
        if (s.startsWith("gamma:")) {
            double cv = number("--arrival", spec, s.substring("gamma:".length()));
            if (!(cv >= 0.01 && cv <= 100)) {
                throw new IllegalArgumentException("--arrival (" + spec + "): the CV must be in [0.01, 100]");
            }
            return Arrivals.gamma(rate, cv);
        }
        throw new IllegalArgumentException(
                "--arrival (" + spec + ") must be poisson, gamma:CV, constant or trace:FILE");
    }

    /** {@return the lengths of an {@code empirical:FILE} spec, read from the file; null for another spec} */
    static @Nullable LengthsFile empirical(String spec) throws IOException {
        if (!spec.toLowerCase(Locale.ROOT).startsWith("empirical:")) {
            return null;
        }
        String file = spec.substring("empirical:".length());
        if (file.isEmpty()) {
            throw new IllegalArgumentException("--lengths (" + spec + ") must name a file: empirical:FILE");
        }
        try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            return LengthsFile.read(in, file);
        }
    }

    static Lengths lengths(String spec, long mean) {
        String s = spec.toLowerCase(Locale.ROOT);
        if (s.equals("fixed")) {
            return Lengths.fixed(mean);
        }
        if (s.equals("uniform")) {
            return Lengths.uniform(Math.max(1, mean / 2), Math.max(1, mean / 2) + mean);
        }
        if (s.startsWith("lognormal:")) {
            double sigma = number("--lengths", spec, s.substring("lognormal:".length()));
            if (!(sigma > 0 && sigma <= 4)) {
                throw new IllegalArgumentException("--lengths (" + spec + "): SIGMA must be in (0, 4]");
            }
            return Lengths.logNormal((double) mean, sigma, Math.multiplyExact(mean, 8));
        }
        throw new IllegalArgumentException(
                "--lengths (" + spec + ") must be fixed, uniform, lognormal:SIGMA or empirical:FILE");
    }

    private static double number(String option, String spec, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " (" + spec + "): " + text + " is not a number", e);
        }
    }
}
