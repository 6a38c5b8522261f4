package io.github.llmcost.examples;

import io.github.llmcost.economics.Estimate;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * A command that draws one configuration's chart into {@code --out} ({@code roofline}, {@code chart}): the model, the
 * deployment and the request are read as {@code estimate} reads them, the file is checked before drawing, and the
 * command prints the file it wrote, or its {@link ChartView} as JSON.
 */
abstract class ChartFileCommand extends ConfigurationCommand {
    /** The description of {@code --out}, which each command declares after its own options. */
    static final String OUT = "Output file, .png or .svg.";

    /**
     * Draws the chart.
     *
     * @param e the configuration's estimate
     * @return the file written
     * @throws IllegalArgumentException naming {@code --out} if the file cannot be written
     */
    abstract Path draw(Estimate e);

    /**
     * The JSON form of what was drawn.
     *
     * @param written the file written
     * @param e the configuration's estimate
     * @return the JSON object
     */
    abstract Map<String, Object> view(Path written, Estimate e);

    @Override
    public final Integer call() {
        Estimate e = estimate();
        Path written = draw(e);
        PrintWriter out = out();
        if (json.json) {
            out.println(Json.write(view(written, e)));
        } else {
            out.println("wrote " + written);
        }
        return 0;
    }
}
