package io.github.llmcost.examples;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code llm-cost article}: the ledger of the article's claims, as a table or as JSON ({@link ArticleView}). */
@Command(name = "article", mixinStandardHelpOptions = true, description = "The article's claims, recomputed.")
final class ArticleCommand extends CliCommand {
    @Mixin
    JsonOption json = new JsonOption();

    @Override
    public Integer call() {
        List<ArticleLedger.Result> results = ArticleLedger.compute();
        PrintWriter out = out();
        if (json.json) {
            out.println(Json.write(ArticleView.of(results)));
        } else {
            out.print(ArticleLedger.table(results));
        }
        return 0;
    }
}
