package io.github.llmcost.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every claim of the article is computed through the API and its recorded verdict holds. */
class ArticleLedgerTest {
    private static final List<ArticleLedger.Result> RESULTS = ArticleLedger.compute();

    static Stream<ArticleLedger.Result> results() {
        return RESULTS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("results")
    void verdictHolds(ArticleLedger.Result result) {
        assertThat(result.verdict())
                .as(
                        "%s: article %s, computed %s",
                        result.claim().id(), result.claim().articleValue(), result.computedValue())
                .isEqualTo(result.claim().expected());
        assertThat(result.computed()).isFinite();
        if (result.verdict() == ArticleLedger.Verdict.DIFFERS) {
            assertThat(result.reason()).as("reason for %s", result.claim().id()).isNotBlank();
        } else {
            assertThat(result.claim().reason())
                    .as("an agreeing claim needs no reason: %s", result.claim().id())
                    .isEmpty();
        }
    }

    @Test
    void everyClaimHasAComputationAndEveryComputationAClaim() {
        Set<String> claimed =
                ArticleLedger.claims().stream().map(ArticleLedger.Claim::id).collect(Collectors.toSet());
        assertThat(claimed).hasSize(ArticleLedger.claims().size()); // ids are unique
        assertThat(ArticleLedger.computedIds()).containsExactlyInAnyOrderElementsOf(claimed);
    }

    @Test
    void theLedgerCoversEverySectionWithAboutFiftyClaims() {
        assertThat(RESULTS).hasSizeGreaterThanOrEqualTo(50);
        assertThat(RESULTS.stream().map(r -> sectionNumber(r.claim().section())).collect(Collectors.toSet()))
                .contains("highlights", "1", "2", "3", "4", "5", "6", "7", "8");
    }

    private static String sectionNumber(String section) {
        int dot = section.indexOf('.');
        return dot < 0 ? section : section.substring(0, dot);
    }

    @Test
    void theTableCountsAgreements() {
        String table = ArticleLedger.table(RESULTS);
        long differs = RESULTS.stream()
                .filter(r -> r.verdict() == ArticleLedger.Verdict.DIFFERS)
                .count();
        assertThat(table)
                .contains(RESULTS.size() + " claims: " + (RESULTS.size() - differs) + " agree, " + differs + " differ");
    }
}
