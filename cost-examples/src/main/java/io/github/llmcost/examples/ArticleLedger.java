package io.github.llmcost.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The article reproduced: every quantitative claim of "The Real Cost of Running AI", the value the article prints,
 * the value llm-cost computes through its public API, and whether they agree.
 *
 * <p>The claims are data ({@code article-claims.tsv} beside this class: id, section, claim, the article's value, its
 * unit, the comparison and tolerance, the expected verdict and, for a difference, a one-line reason). The computed
 * values come from the API, one computation per claim id.
 *
 * <p>Thread-safe: {@link #compute()} builds a new list each call.
 */
public final class ArticleLedger {
    private static final String RESOURCE = "article-claims.tsv";

    private ArticleLedger() {}

    /** Agreement between the article and the library. */
    public enum Verdict {
        /** Within the claim's tolerance. */
        AGREES,
        /** Outside it; the reason says why. */
        DIFFERS;

        /** {@return {@code "agrees"} or {@code "differs"}} */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One claim as the data file states it.
     *
     * @param id stable identifier, such as {@code "2.2.scores-4k"}
     * @param section the article's section, or {@code "highlights"}
     * @param claim what the article says
     * @param articleValue the value as the article prints it
     * @param articleNumber the article's value in {@code unit}
     * @param unit the unit both values are compared in
     * @param atLeast whether the claim is a lower bound rather than a value
     * @param tolerance relative tolerance for a value
     * @param expected the verdict the data records
     * @param reason why the values differ, empty when they agree
     */
    public record Claim(
            String id,
            String section,
            String claim,
            String articleValue,
            double articleNumber,
            String unit,
            boolean atLeast,
            double tolerance,
            Verdict expected,
            String reason) {}

    /**
     * A claim with its computed value.
     *
     * @param claim the claim
     * @param computed the value computed through the API, in the claim's unit
     * @param verdict whether the computed value agrees with the article's
     */
    public record Result(Claim claim, double computed, Verdict verdict) {
        /** {@return the computed value with its unit, three to four significant digits} */
        public String computedValue() {
            return format(computed) + " " + claim.unit();
        }

        /** {@return the reason for a difference, or an empty string} */
        public String reason() {
            return verdict == Verdict.DIFFERS ? claim.reason() : "";
        }
    }

    /** {@return the claims of the data file, in the article's order} */
    public static List<Claim> claims() {
        List<Claim> claims = new ArrayList<>();
        InputStream in = ArticleLedger.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the class path");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 10) {
                    throw new IllegalStateException(
                            RESOURCE + " line " + number + " has " + f.length + " fields, expected 10");
                }
                claims.add(new Claim(
                        f[0],
                        f[1],
                        f[2],
                        f[3],
                        Double.parseDouble(f[4]),
                        f[5],
                        f[6].equals("atLeast"),
                        Double.parseDouble(f[7]),
                        Verdict.valueOf(f[8].toUpperCase(Locale.ROOT)),
                        f[9]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return claims;
    }

    /**
     * Computes every claim through the API.
     *
     * @return one result per claim, in order
     * @throws IllegalStateException if a claim has no computation
     */
    public static List<Result> compute() {
        Map<String, DoubleSupplier> computations = ArticleClaims.all();
        List<Result> results = new ArrayList<>();
        for (Claim claim : claims()) {
            DoubleSupplier computation = computations.get(claim.id());
            if (computation == null) {
                throw new IllegalStateException("claim " + claim.id() + " has no computation");
            }
            double value = computation.getAsDouble();
            results.add(new Result(claim, value, verdict(claim, value)));
        }
        return results;
    }

    /** {@return the ids that have a computation, to check the data file and the code against each other} */
    static java.util.Set<String> computedIds() {
        return ArticleClaims.all().keySet();
    }

    private static Verdict verdict(Claim claim, double value) {
        boolean agrees = claim.atLeast()
                ? value >= claim.articleNumber()
                : Math.abs(value - claim.articleNumber()) <= claim.tolerance() * Math.abs(claim.articleNumber());
        return agrees ? Verdict.AGREES : Verdict.DIFFERS;
    }

    static String format(double value) {
        if (value == 0 || !Double.isFinite(value)) {
            return Double.toString(value);
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return new BigDecimal(value)
                .round(new MathContext(4, RoundingMode.HALF_EVEN))
                .stripTrailingZeros()
                .toPlainString();
    }

    /**
     * Renders the ledger as a text table.
     *
     * @param results the computed claims
     * @return the table, one claim a line, with a count of agreements at the end
     */
    public static String table(List<Result> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%-11s %-62s %-18s %-22s %-8s %s%n",
                "section",
                "claim",
                "article",
                "llm-cost",
                "verdict",
                "reason"));
        int agrees = 0;
        for (Result r : results) {
            if (r.verdict() == Verdict.AGREES) {
                agrees++;
            }
            out.append(String.format(
                    Locale.ROOT,
                    "%-11s %-62s %-18s %-22s %-8s %s%n",
                    r.claim().section(),
                    truncate(r.claim().claim(), 62),
                    truncate(r.claim().articleValue(), 18),
                    truncate(r.computedValue(), 22),
                    r.verdict().label(),
                    r.reason()));
        }
        out.append(String.format(
                Locale.ROOT,
                "%d claims: %d agree, %d differ (each difference has its reason)%n",
                results.size(),
                agrees,
                results.size() - agrees));
        return out.toString();
    }

    private static String truncate(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 3) + "...";
    }
}
