package io.github.llmcost.hardware.serving.sim;

/**
 * One point of a simulation's queue length over time ({@link SimulationResult#queueLength()}): the requests waiting
 * (queued at a replica, not yet admitted) and running (admitted and not finished, or moving between a prefill and a
 * decode replica), each averaged over the simulated time from {@code seconds} to the next point.
 *
 * @param seconds when the interval starts, simulated seconds
 * @param waiting the time-averaged requests waiting, {@code >= 0}
 * @param running the time-averaged requests running, {@code >= 0}
 */
public record QueuePoint(double seconds, double waiting, double running) {
    /** {@return the time-averaged requests in the system: waiting plus running} */
    public double inSystem() {
        return waiting + running;
    }
}
