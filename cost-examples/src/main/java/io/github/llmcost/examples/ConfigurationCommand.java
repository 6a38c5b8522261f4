package io.github.llmcost.examples;

import io.github.llmcost.economics.Estimate;
import picocli.CommandLine.Mixin;

/**
 * A command about one configuration ({@code estimate}, {@code roofline}, {@code chart}): {@code --model} or
 * {@code --config}, the deployment options, one request ({@code --prompt}, {@code --batch}) and {@code --json}, read
 * through the one mapping of {@link DeploymentOptions}.
 */
abstract class ConfigurationCommand extends CliCommand {
    @Mixin
    ModelOption model = new ModelOption();

    @Mixin
    DeploymentOptions deployment = new DeploymentOptions();

    @Mixin
    DeploymentOptions.Request request = new DeploymentOptions.Request();

    @Mixin
    JsonOption json = new JsonOption();

    /**
     * {@return the configuration's estimate, feasible or not}
     *
     * @throws IllegalArgumentException naming the option as typed, for a value out of range
     */
    final Estimate estimate() {
        return request.estimate(model.model(), deployment);
    }
}
