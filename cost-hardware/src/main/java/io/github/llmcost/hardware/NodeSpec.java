package io.github.llmcost.hardware;

import io.github.llmcost.core.Bandwidth;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.internal.Check;
import java.util.Objects;

/**
 * A node of identical GPUs joined by their peer links (NVLink; the chip's {@link
 * HardwareSpec#interconnectBandwidth()}), and the network that joins nodes: its bandwidth per GPU and its latency.
 * Collectives and sends that stay within a node use the peer links; those that cross nodes use the network.
 *
 * <p>Presets, each with its datasheet (read 2026-11-30): {@link #DGX_H100}, {@link #DGX_H200}, {@link #DGX_B200};
 * every other chip gets {@link #forHardware(HardwareSpec)}'s generic node of 8 with the same network.
 *
 * <p>Immutable and thread-safe.
 */
public final class NodeSpec {
    /**
     * The network bandwidth of one 400 Gb/s NIC per GPU (InfiniBand NDR or RoCE, ConnectX-7), per direction: 50 GB/s.
     */
    public static final Bandwidth NDR_400G_PER_GPU = Bandwidth.ofGigabytesPerSecond(50);

    /**
     * The latency one collective or send pays when it crosses nodes: 20 us, an assumption of the order of NCCL's
     * small-message collectives between InfiniBand nodes (one RDMA write is a few microseconds; a collective's start-up
     * and synchronisation across nodes is tens).
     */
    public static final Seconds NETWORK_LATENCY = Seconds.of(20e-6);

    /**
     * The share of the network's bandwidth collectives reach across nodes: DeepEP's normal kernels dispatch at 43 GB/s
     * of a CX7 400 Gb/s NIC's ~50 GB/s between two H800 nodes (EP16; deepseek-ai/DeepEP README, read 2026-11-30).
     */
    public static final double NETWORK_EFFICIENCY = 0.86;

    /**
     * The share of NVLink's bandwidth an all-to-all reaches within a node: DeepEP dispatches at 320 GB/s over the 450
     * GB/s per direction of 8 x H200 (p5en results in the DeepEP README, read 2026-11-30).
     */
    public static final double NVLINK_ALL_TO_ALL_EFFICIENCY = 0.7;

    /**
     * NVIDIA DGX H100 / HGX H100: 8 x H100 SXM on NVLink 4 (900 GB/s bidirectional per GPU), 8 single-port ConnectX-7
     * 400 Gb/s NICs for the compute fabric, one per GPU. Source: NVIDIA DGX H100 datasheet (2023).
     */
    public static final NodeSpec DGX_H100 = of("8 x H100 SXM (DGX H100)", 8, NDR_400G_PER_GPU, NETWORK_LATENCY);

    /**
     * NVIDIA DGX H200 / HGX H200: 8 x H200 on NVLink 4, 8 ConnectX-7 400 Gb/s NICs, one per GPU. Source: NVIDIA DGX H200
     * datasheet (2024).
     */
    public static final NodeSpec DGX_H200 = of("8 x H200 (DGX H200)", 8, NDR_400G_PER_GPU, NETWORK_LATENCY);

    /**
     * NVIDIA DGX B200 / HGX B200: 8 x B200 on NVLink 5 (1.8 TB/s bidirectional per GPU), 8 single-port ConnectX-7 VPI
     * 400 Gb/s NICs, one per GPU. Source: NVIDIA DGX B200 datasheet (2024).
     */
    public static final NodeSpec DGX_B200 = of("8 x B200 (DGX B200)", 8, NDR_400G_PER_GPU, NETWORK_LATENCY);

    private final String name;
    private final int gpusPerNode;
    private final Bandwidth networkBandwidthPerGpu;
    private final Seconds networkLatency;

    private NodeSpec(String name, int gpusPerNode, Bandwidth networkBandwidthPerGpu, Seconds networkLatency) {
        this.name = name;
        this.gpusPerNode = gpusPerNode;
        this.networkBandwidthPerGpu = networkBandwidthPerGpu;
        this.networkLatency = networkLatency;
    }

    /**
     * A node.
     *
     * @param name a display name
     * @param gpusPerNode GPUs per node, {@code >= 1}
     * @param networkBandwidthPerGpu each GPU's share of the network between nodes, per direction, {@code > 0}
     * @param networkLatency what one collective or send across nodes pays, {@code >= 0}
     * @return the node
     */
    public static NodeSpec of(String name, int gpusPerNode, Bandwidth networkBandwidthPerGpu, Seconds networkLatency) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name (\"" + name + "\") must not be blank");
        }
        Check.positive("gpusPerNode", gpusPerNode);
        Check.positive("networkBandwidthPerGpu", networkBandwidthPerGpu.toBytesPerSecond());
        Check.nonNegative("networkLatency", networkLatency.toSeconds());
        return new NodeSpec(name, gpusPerNode, networkBandwidthPerGpu, networkLatency);
    }

    /**
     * The node a chip usually comes in: the DGX preset for the H100 SXM, H200 and B200, otherwise a generic node of 8
     * joined by 400 Gb/s per GPU.
     *
     * @param hardware the chip
     * @return its node
     */
    public static NodeSpec forHardware(HardwareSpec hardware) {
        Objects.requireNonNull(hardware, "hardware");
        if (hardware.equals(HardwarePresets.H100_SXM)) {
            return DGX_H100;
        }
        if (hardware.equals(HardwarePresets.H200)) {
            return DGX_H200;
        }
        if (hardware.equals(HardwarePresets.B200)) {
            return DGX_B200;
        }
        return of("8 x " + hardware.name(), 8, NDR_400G_PER_GPU, NETWORK_LATENCY);
    }

    /** {@return a display name} */
    public String name() {
        return name;
    }

    /** {@return GPUs per node} */
    public int gpusPerNode() {
        return gpusPerNode;
    }

    /** {@return each GPU's share of the network between nodes, per direction} */
    public Bandwidth networkBandwidthPerGpu() {
        return networkBandwidthPerGpu;
    }

    /** {@return what one collective or send across nodes pays} */
    public Seconds networkLatency() {
        return networkLatency;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeSpec n
                && name.equals(n.name)
                && gpusPerNode == n.gpusPerNode
                && networkBandwidthPerGpu.equals(n.networkBandwidthPerGpu)
                && networkLatency.equals(n.networkLatency);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, gpusPerNode, networkBandwidthPerGpu, networkLatency);
    }

    /** {@return for example {@code "8 x H100 SXM (DGX H100), network 50 GB/s per GPU, 20 us"}} */
    @Override
    public String toString() {
        return name + ", network " + networkBandwidthPerGpu + " per GPU, " + networkLatency;
    }
}
