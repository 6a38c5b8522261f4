package io.github.llmcost.hardware.serving.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import java.util.Objects;

/**
 * Prompt and output lengths measured from a service, read from CSV text: one request per line, {@code input,output}
 * (whole token counts, each {@code >= 1}); a first line that does not start with a digit is a header; blank lines and
 * lines starting with {@code #} are skipped. Each column becomes an {@link Lengths#empirical} distribution, so a
 * synthetic source draws prompts and outputs independently from the measured ones. Holds every line's two numbers.
 *
 * <p>Immutable and thread-safe.
 *
 * @param input the prompts' lengths
 * @param output the outputs' lengths
 * @param count the requests read
 */
public record LengthsFile(Lengths input, Lengths output, int count) {
    /** Checks the fields. */
    public LengthsFile {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
    }

    /**
     * Reads the lengths; the caller closes the reader.
     *
     * @param reader the CSV text
     * @param name what the text is (a file name), for errors
     * @return the lengths
     * @throws IllegalArgumentException naming the file, the line and the value if a line is malformed, or if no line
     *     holds lengths
     * @throws IOException if the reader fails
     */
    public static LengthsFile read(Reader reader, String name) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        long[] inputs = new long[16];
        long[] outputs = new long[16];
        int n = 0;
        int line = 0;
        for (String text = in.readLine(); text != null; text = in.readLine()) {
            line++;
            String t = text.strip();
            if (t.isEmpty() || t.startsWith("#") || (n == 0 && !Character.isDigit(t.charAt(0)))) {
                continue;
            }
            String[] cells = t.split(",", -1);
            if (cells.length != 2) {
                throw new IllegalArgumentException(
                        name + " line " + line + ": (" + t + ") must be two lengths: input,output");
            }
            if (n == inputs.length) {
                inputs = Arrays.copyOf(inputs, 2 * n);
                outputs = Arrays.copyOf(outputs, 2 * n);
            }
            inputs[n] = length(name, line, "input", cells[0]);
            outputs[n] = length(name, line, "output", cells[1]);
            n++;
        }
        if (n == 0) {
            throw new IllegalArgumentException(name + ": no lengths (one input,output line per request)");
        }
        return new LengthsFile(
                Lengths.empirical(Arrays.copyOf(inputs, n)), Lengths.empirical(Arrays.copyOf(outputs, n)), n);
    }

    private static long length(String name, int line, String column, String cell) {
        String c = cell.strip();
        long v;
        try {
            v = Long.parseLong(c);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name + " line " + line + ": " + column + " (" + c + ") is not a whole number", e);
        }
        if (v < 1) {
            throw new IllegalArgumentException(name + " line " + line + ": " + column + " (" + c + ") must be >= 1");
        }
        return v;
    }
}
