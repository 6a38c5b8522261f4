package io.github.llmcost.hardware.serving.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringReader;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Empirical lengths: drawn uniformly from the values given, read from an input,output file. */
class EmpiricalLengthsTest {
    @Test
    void drawsAreTheGivenValuesUniformlyFromTheSourcesRandom() {
        long[] values = {10, 20, 20, 50};
        Lengths l = Lengths.empirical(values);
        values[0] = 999; // copied
        assertThat(l.meanTokens()).isEqualTo(25);
        assertThat(l.maxTokens()).isEqualTo(50);
        assertThat(l).hasToString("empirical of 4 values, mean 25 max 50");
        SplittableRandom random = new SplittableRandom(7);
        SplittableRandom same = new SplittableRandom(7);
        long[] counts = new long[51];
        for (int i = 0; i < 4000; i++) {
            long v = l.draw(random);
            assertThat(v).isEqualTo(new long[] {10, 20, 20, 50}[same.nextInt(4)]);
            counts[(int) v]++;
        }
        assertThat(counts[10] + counts[20] + counts[50]).isEqualTo(4000);
        assertThat(counts[20] / 4000.0).isCloseTo(0.5, within(0.04));
        assertThat(counts[10] / 4000.0).isCloseTo(0.25, within(0.04));
        assertThat(Lengths.empirical(new long[] {1}).draw(random)).isEqualTo(1);
    }

    @Test
    void emptyOrNonPositiveValuesAreRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Lengths.empirical(new long[0]))
                .withMessage("values (none) must hold at least one length");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Lengths.empirical(new long[] {3, 0}))
                .withMessage("values[1] (0) must be >= 1");
    }

    @Test
    void aFileGivesEachColumnsLengthsPastAHeaderCommentsAndBlankLines() throws IOException {
        StringBuilder text = new StringBuilder("input,output\n# measured\n\n");
        for (int i = 1; i <= 40; i++) {
            text.append(100 * i).append(", ").append(i).append('\n');
        }
        LengthsFile f = LengthsFile.read(new StringReader(text.toString()), "lens.csv");
        assertThat(f.count()).isEqualTo(40);
        assertThat(f.input().meanTokens()).isEqualTo(2050);
        assertThat(f.input().maxTokens()).isEqualTo(4000);
        assertThat(f.output().meanTokens()).isEqualTo(20.5);
        assertThat(f.output().maxTokens()).isEqualTo(40);
        LengthsFile ones = LengthsFile.read(new StringReader("1,1\n"), "x");
        assertThat(ones.input().maxTokens()).isEqualTo(1);
        assertThat(ones.output().meanTokens()).isEqualTo(1);
        LengthsFile bare = LengthsFile.read(new StringReader("7,3"), "x");
        assertThat(bare.count()).isEqualTo(1);
        assertThat(bare.input().draw(new SplittableRandom(1))).isEqualTo(7);
        assertThat(bare.output().draw(new SplittableRandom(1))).isEqualTo(3);
    }

    @Test
    void aMalformedFileNamesItsLineAndValue() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LengthsFile.read(new StringReader("input,output\n10,5\n12,x\n"), "lens.csv"))
                .withMessage("lens.csv line 3: output (x) is not a whole number");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LengthsFile.read(new StringReader("10,5\nabc,5\n"), "lens.csv"))
                .withMessage("lens.csv line 2: input (abc) is not a whole number");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LengthsFile.read(new StringReader("10,5\n0,5\n"), "lens.csv"))
                .withMessage("lens.csv line 2: input (0) must be >= 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LengthsFile.read(new StringReader("10,5\n-4,5\n"), "lens.csv"))
                .withMessage("lens.csv line 2: input (-4) must be >= 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LengthsFile.read(new StringReader("10,5\n12\n"), "lens.csv"))
                .withMessage("lens.csv line 2: (12) must be two lengths: input,output");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LengthsFile.read(new StringReader("10,5,1\n"), "lens.csv"))
                .withMessage("lens.csv line 1: (10,5,1) must be two lengths: input,output");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LengthsFile.read(new StringReader("input,output\n# none\n"), "lens.csv"))
                .withMessage("lens.csv: no lengths (one input,output line per request)");
    }
}
