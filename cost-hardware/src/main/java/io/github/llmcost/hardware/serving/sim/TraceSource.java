package io.github.llmcost.hardware.serving.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Requests read from a trace, one per line, streamed (never held whole). A line is either a flat JSON object (JSONL)
 * with numeric fields {@code arrival} (seconds; also {@code arrivalSeconds} or {@code timestamp}), {@code input} (or
 * {@code inputTokens}), {@code output} (or {@code outputTokens}) and optionally {@code prefixId} and {@code
 * prefixTokens}; or comma-separated values in that order ({@code arrival,input,output[,prefixId,prefixTokens]}), a
 * first line that does not start with a number being a header. Blank lines and lines starting with {@code #} are
 * skipped. Arrivals must not decrease.
 *
 * <p>Not thread-safe: a source is read once.
 */
public final class TraceSource implements RequestSource {
    private final BufferedReader reader;
    private int line;
    private double last;

    private TraceSource(Reader reader) {
        Objects.requireNonNull(reader, "reader");
        this.reader = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    }

    /**
     * A trace read from a reader; the caller closes it.
     *
     * @param reader the trace's text
     * @return the source
     */
    public static TraceSource of(Reader reader) {
        return new TraceSource(reader);
    }

    @Override
    public @Nullable Request next() {
        while (true) {
            String text;
            try {
                text = reader.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (text == null) {
                return null;
            }
            line++;
            String t = text.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (line == 1 && !t.startsWith("{") && !startsWithNumber(t)) {
                continue;
            }
            Request r;
            try {
                r = t.startsWith("{") ? json(t) : csv(t);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("trace line " + line + ": " + e.getMessage(), e);
            }
            if (r.arrivalSeconds() < last) {
                throw new IllegalArgumentException("trace line " + line + ": arrival (" + r.arrivalSeconds()
                        + ") is before the previous one (" + last + ")");
            }
            last = r.arrivalSeconds();
            return r;
        }
    }

    private static boolean startsWithNumber(String t) {
        char c = t.charAt(0);
        return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+';
    }

    private static Request csv(String t) {
        String[] f = t.split(",", -1);
        if (f.length != 3 && f.length != 5) {
            throw new IllegalArgumentException(
                    "expected arrival,input,output[,prefixId,prefixTokens], got " + f.length + " fields");
        }
        double arrival = number("arrival", f[0]);
        long in = whole("input", f[1]);
        long out = whole("output", f[2]);
        if (f.length == 3) {
            return Request.of(arrival, in, out);
        }
        return new Request(arrival, in, out, whole("prefixId", f[3]), whole("prefixTokens", f[4]));
    }

    private static Request json(String t) {
        if (!t.endsWith("}")) {
            throw new IllegalArgumentException("a JSON line must be one object: " + abbreviate(t));
        }
        Map<String, String> fields = new HashMap<>();
        String body = t.substring(1, t.length() - 1).strip();
        if (!body.isEmpty()) {
            for (String pair : body.split(",", -1)) {
                int colon = pair.indexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException("expected \"name\": number, got " + abbreviate(pair));
                }
                String key = pair.substring(0, colon).strip();
                if (key.length() < 2 || key.charAt(0) != '"' || key.charAt(key.length() - 1) != '"') {
                    throw new IllegalArgumentException("expected a quoted field name, got " + abbreviate(key));
                }
                fields.put(
                        key.substring(1, key.length() - 1),
                        pair.substring(colon + 1).strip());
            }
        }
        double arrival = number("arrival", field(fields, "arrival", "arrivalSeconds", "timestamp"));
        long in = whole("input", field(fields, "input", "inputTokens", "input_tokens"));
        long out = whole("output", field(fields, "output", "outputTokens", "output_tokens"));
        String id = fields.get("prefixId");
        String tokens = fields.get("prefixTokens");
        if (id == null && tokens == null) {
            return Request.of(arrival, in, out);
        }
        if (id == null || tokens == null) {
            throw new IllegalArgumentException("prefixId and prefixTokens go together");
        }
        return new Request(arrival, in, out, whole("prefixId", id), whole("prefixTokens", tokens));
    }

    private static String field(Map<String, String> fields, String... names) {
        for (String n : names) {
            String v = fields.get(n);
            if (v != null) {
                return v;
            }
        }
        throw new IllegalArgumentException("missing field \"" + names[0] + "\"");
    }

    private static double number(String name, String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " (" + abbreviate(text) + ") is not a number", e);
        }
    }

    private static long whole(String name, String text) {
        double v = number(name, text);
        if (v != Math.rint(v) || Math.abs(v) > 1e15) {
            throw new IllegalArgumentException(name + " (" + abbreviate(text) + ") must be a whole number");
        }
        return (long) v;
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() > 40 ? t.substring(0, 40) + "..." : t;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "trace (%d lines read)", line);
    }
}
