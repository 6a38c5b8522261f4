package io.github.llmcost.hardware.serving.sim;

import io.github.llmcost.hardware.CompiledPerformance;
import io.github.llmcost.hardware.Step;

/** The seconds of one engine step, from the deployment's step-time model; counts the steps timed. */
final class StepTimes {
    private final CompiledPerformance compiled;
    private long steps;

    StepTimes(CompiledPerformance compiled) {
        this.compiled = compiled;
    }

    double seconds(Step step) {
        steps++;
        return compiled.step(step).seconds();
    }

    long steps() {
        return steps;
    }
}
