package io.github.llmcost.examples;

import io.github.llmcost.core.KvScheme;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.WeightScheme;
import io.github.llmcost.economics.LlmCost;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.InfeasibleConfigurationException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * The {@code llm-cost} command line. Without a subcommand it prints the article reproduced and a default estimate.
 * Every subcommand takes {@code --json} and then prints exactly one JSON object. Bad arguments print one line on
 * standard error and exit with code 2.
 */
@Command(
        name = "llm-cost",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "What transformer inference costs, from first principles.",
        subcommands = {
            ArticleCommand.class,
            PresetsCommand.class,
            ModelCommand.class,
            EstimateCommand.class,
            ServingCommand.class,
            SimulateCommand.class,
            PlanCommand.class,
            EdgeCommand.class,
            CompareCommand.class,
            FitCommand.class,
            SweepCommand.class,
            RooflineCommand.class,
            ChartCommand.class,
            CalibrateCommand.class,
            CommandLine.HelpCommand.class
        })
public final class LlmCostCli implements Callable<Integer> {
    /** Exit code for bad arguments or invalid input. */
    public static final int USAGE = 2;

    /** Exit code for a configuration that cannot run: stderr names the limit that binds. */
    public static final int INFEASIBLE = 3;

    @Spec
    CommandLine.Model.@Nullable CommandSpec spec;

    LlmCostCli() {}

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code;
        try {
            code = run(args, out, err);
        } catch (LinkageError | RuntimeException e) {
            // a broken installation (a missing class), never a user's mistake: one line, no stack trace
            err.println("llm-cost: internal error: " + OutputFiles.oneLine(e.getMessage(), "no details"));
            code = 1;
        }
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments
     * @param out standard output
     * @param err standard error
     * @return the exit code: 0 on success, 2 on bad arguments or input, 1 on an internal error
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new LlmCostCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // "@file" expansion would read any file, even /dev/zero, forever: no argument names a file that way
        cli.setExpandAtFiles(false);
        cli.registerConverter(NumericFormat.class, clean(NumericFormat::parse));
        cli.registerConverter(WeightScheme.class, clean(WeightScheme::parse));
        cli.registerConverter(KvScheme.class, clean(KvScheme::parse));
        cli.registerConverter(Charts.Kind.class, clean(Charts.Kind::parse));
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("llm-cost: " + e.getMessage());
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            if (e instanceof InfeasibleConfigurationException infeasible) {
                err.println("llm-cost: cannot run: " + infeasible.feasibility().summary());
                return INFEASIBLE;
            }
            err.println("llm-cost: " + Failures.describe(e));
            return Failures.exitCode(e);
        });
        HelpText.install(cli);
        return cli.execute(args);
    }

    /** A converter whose {@link IllegalArgumentException} becomes picocli's one-line conversion error. */
    private static <T> CommandLine.ITypeConverter<T> clean(CommandLine.ITypeConverter<T> converter) {
        return text -> {
            try {
                return converter.convert(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(String.valueOf(e.getMessage()));
            }
        };
    }

    @Override
    public Integer call() {
        PrintWriter out = out(spec);
        out.print(ArticleLedger.table(ArticleLedger.compute()));
        out.println();
        out.println("Default estimate:");
        out.println(LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .promptTokens(4096)
                .outputTokens(512)
                .estimate());
        out.println();
        out.println("More: llm-cost --help");
        return 0;
    }

    static PrintWriter out(CommandLine.Model.@Nullable CommandSpec spec) {
        return spec(spec).commandLine().getOut();
    }

    static CommandLine.Model.CommandSpec spec(CommandLine.Model.@Nullable CommandSpec spec) {
        if (spec == null) {
            throw new IllegalStateException("picocli did not inject the command spec");
        }
        return spec;
    }
}
