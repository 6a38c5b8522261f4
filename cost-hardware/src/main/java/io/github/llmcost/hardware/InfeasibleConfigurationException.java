package io.github.llmcost.hardware;

/**
 * Thrown when a figure is asked of a configuration that cannot run: its message names the binding limit, and {@link
 * #feasibility()} holds every limit that applies. Cost and throughput are never given for such a configuration.
 */
public final class InfeasibleConfigurationException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Not serialised: the feasibility is rebuilt by asking again. */
    @SuppressWarnings("serial")
    private final transient Feasibility feasibility;

    /**
     * An exception for an infeasible configuration.
     *
     * @param what the figure asked for, such as {@code "cost per million output tokens"}
     * @param feasibility why the configuration cannot run; must be infeasible
     */
    public InfeasibleConfigurationException(String what, Feasibility feasibility) {
        super("cannot give the " + what + ": the configuration cannot run: " + feasibility.summary());
        this.feasibility = feasibility;
    }

    /** {@return every limit that applies} */
    public Feasibility feasibility() {
        return feasibility;
    }
}
