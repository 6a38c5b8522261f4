package io.github.llmcost.economics.plan;

import java.util.Objects;

/**
 * A deployment a plan searched and could not use, and why: the model does not fit, the chip has no compute path for
 * the format or no price, the tensor-parallel degree does not divide the model, or a latency target is below what the
 * deployment reaches even with no other request.
 *
 * @param deployment the deployment in a line: chip, devices, formats
 * @param reason why it cannot serve the traffic
 */
public record Exclusion(String deployment, String reason) {
    /**
     * Checks every field is present.
     *
     * @param deployment the deployment in a line
     * @param reason why it cannot serve the traffic
     */
    public Exclusion {
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@return the deployment and the reason, in a line} */
    @Override
    public String toString() {
        return deployment + ": " + reason;
    }
}
