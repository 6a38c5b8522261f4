package io.github.llmcost.hardware;

import io.github.llmcost.core.Bandwidth;
import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.FlopRate;
import io.github.llmcost.core.NumericFormat;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hardware presets, each from its vendor's datasheet (source and date in each constant's javadoc).
 *
 * <p>Conventions: tensor peaks are dense (NVIDIA's data-centre datasheets print "with sparsity" figures, halved here);
 * bandwidths are decimal (1 GB/s = 10<sup>9</sup> bytes/s); capacities are what the driver reports
 * ({@code nvidia-smi}, {@code rocm-smi}), which is what an inference engine can allocate (an H100 "80GB" reports
 * 81,559 MiB); interconnect bandwidth is per direction (NVLink's datasheet figures are both directions together).
 * Rental prices: every data-centre preset carries an on-demand price per device-hour, read from one provider's list
 * price where one covers the chip (RunPod's Secure Cloud, the SLA-backed tier, as transcribed in public price datasets
 * on 2026-09-25 or 2026-10-19), else as each constant says; list prices vary about 2x between neoclouds and 3-4x up to
 * the hyperscalers, and they move (RunPod's H100 SXM went from $3.29 to $3.99 between August and November 2026), so
 * pass your own for a decision. Consumer and edge devices (RTX 4090 and 5090, Apple M2 Ultra and M4 Max, Snapdragon)
 * carry none: their owners buy them, and the library then gives no cost rather than invent one. One data-centre chip
 * carries none either, the H20, for want of any dated public price (its javadoc says why). The article prices the H100 at $2.50
 * (its section 5.6); its figures are reproduced with that price, not the preset's.
 */
public final class HardwarePresets {
    private static final double MIB = 1024.0 * 1024;

    private HardwarePresets() {}

    /**
     * NVIDIA H100 SXM5 80GB. NVIDIA H100 Tensor Core GPU datasheet (2022-2023): FP16/BF16 989.4, FP8 and INT8 1,978.9
     * TFLOPS dense (the sheet prints 1,979 and 3,958 with sparsity), TF32 494.7, FP32 67; 3.35 TB/s HBM3; 80 GB label,
     * 81,559 MiB reported; NVLink 4 at 900 GB/s both directions; 700 W. Rental $3.49/h: RunPod Secure Cloud, 2026-09-25
     * (Lambda $3.99-4.29, Hyperstack $3.20; the article's $2.50 is {@code GpuPricing.ARTICLE_H100_USD_PER_HOUR}).
     */
    public static final HardwareSpec H100_SXM = gpu("NVIDIA H100 SXM", 989.4, 1978.9, 1978.9, 0, 0, 67)
            .memoryBandwidth(Bandwidth.ofGigabytesPerSecond(3350))
            .memoryCapacity(Bytes.of(81559 * MIB))
            .interconnectBandwidth(Bandwidth.ofGigabytesPerSecond(450))
            .tdpWatts(700)
            .rentalUsdPerHour(3.49)
            .build();

    /**
     * NVIDIA H100 PCIe 80GB. H100 datasheet PCIe column and product brief PB-11133-001_v02 (Nov 2022): FP16/BF16 756,
     * FP8 and INT8 1,513 dense, FP32 51; 2.0 TB/s HBM2e; 81,559 MiB reported; NVLink bridge 600 GB/s both
     * directions; 350 W. Rental $2.89/h: RunPod Secure Cloud, 2026-09-25 (Lambda $3.29, Hyperstack $2.50).
     */
    public static final HardwareSpec H100_PCIE = gpu("NVIDIA H100 PCIe", 756, 1513, 1513, 0, 0, 51)
            .memoryBandwidth(Bandwidth.ofGigabytesPerSecond(2000))
            .memoryCapacity(Bytes.of(81559 * MIB))
            .interconnectBandwidth(Bandwidth.ofGigabytesPerSecond(300))
            .tdpWatts(350)
            .rentalUsdPerHour(2.89)
            .build();

    /**
     * NVIDIA H200 SXM 141GB. H200 datasheet (Nov 2023): compute as the H100 SXM; 4.8 TB/s HBM3e; 141 GB label, 143,771
     * MiB reported; NVLink 4 at 900 GB/s both directions; 700 W. Rental $4.59/h: RunPod Secure Cloud, 2026-09-25
     * (Nebius $4.50, Hyperstack $3.99, CoreWeave $6.31).
     */
    public static final HardwareSpec H200 = gpu("NVIDIA H200", 989.4, 1978.9, 1978.9, 0, 0, 67)
            .memoryBandwidth(Bandwidth.ofGigabytesPerSecond(4800))
            .memoryCapacity(Bytes.of(143771 * MIB))
            .interconnectBandwidth(Bandwidth.ofGigabytesPerSecond(450))
            .tdpWatts(700)
            .rentalUsdPerHour(4.59)
            .build();

    /**
     * NVIDIA B200 (HGX B200). HGX B200 specification table (2024-2025, "preliminary"): FP16/BF16 2,250, FP8 and INT8
     * 4,500, FP4 9,000 dense (printed with sparsity at twice these), FP32 75; 7.7 TB/s HBM3e (8 TB/s at launch); 180 GB
     * label (192 GB at GTC 2024), 183,359 MiB reported; NVLink 5 at 1.8 TB/s both directions; 1,000 W. Rental $6.79/h:
     * RunPod Secure Cloud, 2026-09-25 (Lambda $6.69-6.99, CoreWeave $8.60).
     */
    public static final HardwareSpec B200 = gpu("NVIDIA B200", 2250, 4500, 4500, 0, 9000, 75)
            .memoryBandwidth(Bandwidth.ofGigabytesPerSecond(7700))
            .memoryCapacity(Bytes.of(183359 * MIB))
            .interconnectBandwidth(Bandwidth.ofGigabytesPerSecond(900))
            .tdpWatts(1000)
            .rentalUsdPerHour(6.79)
            .build();

    /**
     * NVIDIA A100 SXM4 40GB. A100 datasheet r4 and Ampere whitepaper: FP16/BF16 312, INT8 624, INT4 1,248 dense, FP32
     * 19.5, no FP8; 1,555 GB/s HBM2; 40,960 MiB reported; NVLink 3 at 600 GB/s both directions; 400 W. Rental $1.99/h:
     * Lambda, lambda.ai/instances as transcribed 2026-09-20 (AWS p4d $2.75 per GPU).
     */
    public static final HardwareSpec A100_40GB = gpu("NVIDIA A100 40GB", 312, 0, 624, 1248, 0, 19.5)
            .memoryBandwidth(Bandwidth.ofGigabytesPerSecond(1555))
            .memoryCapacity(Bytes.of(40960 * MIB))
            .interconnectBandwidth(Bandwidth.ofGigabytesPerSecond(300))
            .tdpWatts(400)
            .rentalUsdPerHour(1.99)
            .build();

    /**
     * NVIDIA A100 SXM4 80GB. A100 datasheet r4: as the 40GB with 2,039 GB/s HBM2e; 81,920 MiB reported; 400 W.
     * Rental $1.79/h: RunPod Secure
     * Cloud, 2026-10-19 (Hyperstack $1.60, CoreWeave $2.70).
     */
    public static final HardwareSpec A100_80GB = gpu("NVIDIA A100 80GB", 312, 0, 624, 1248, 0, 19.5)
            .memoryBandwidth(Bandwidth.ofGigabytesPerSecond(2039))
            .memoryCapacity(Bytes.of(81920 * MIB))
            .interconnectBandwidth(Bandwidth.ofGigabytesPerSecond(300))
            .tdpWatts(400)
            .rentalUsdPerHour(1.79)
            .build();

    /**
     * NVIDIA L4. L4 datasheet (2023): FP16/BF16 121, FP8 and INT8 242.5 dense, FP32 30.3; 300 GB/s GDDR6; 24 GB label,
     * 23,034 MiB reported with ECC on; PCIe Gen4 x16 (32 GB/s each way); 72 W. Rental $0.80/h: Modal's list price,
     * verified 2026-05-07 (low confidence: no dated neocloud pod price was found; RunPod's serverless L4 tier is
     * $0.47-0.68/h).
     */
    public static final HardwareSpec L4 = gpu("NVIDIA L4", 121, 242.5, 242.5, 0, 0, 30.3)
            .memoryBandwidth(Bandwidth.ofGigabytesPerSecond(300))
            .memoryCapacity(Bytes.of(23034 * MIB))
            .interconnectBandwidth(Bandwidth.ofGigabytesPerSecond(32))
            .tdpWatts(72)
            .rentalUsdPerHour(0.80)
            .build();

    /**
     * NVIDIA L40S. L40S datasheet (2023): FP16/BF16 362, FP8 and INT8 733 dense (INT4 733 as printed), FP32 91.6; 864
     * GB/s GDDR6; 48 GB label, 46,068 MiB reported with ECC on; PCIe Gen4 x16 (32 GB/s each way); 350 W. Rental
     * $1.09/h: RunPod Secure Cloud, 2026-09-25 (Nebius $1.55, CoreWeave $2.25).
     */
    public static final HardwareSpec L40S = gpu("NVIDIA L40S", 362, 733, 733, 733, 0, 91.6)
            .memoryBandwidth(Bandwidth.ofGigabytesPerSecond(864))
            .memoryCapacity(Bytes.of(46068 * MIB))
            .interconnectBandwidth(Bandwidth.ofGigabytesPerSecond(32))
            .tdpWatts(350)
            .rentalUsdPerHour(1.09)
            .build();

    /**
     * AMD Instinct MI300X. AMD data sheet (Dec 2023): FP16/BF16 1,307.4, FP8 and INT8 2,614.9 dense (printed beside the
     * sparse figures), FP32 163.4; 5.3 TB/s HBM3; 192 GB label, exactly 192 GiB reported by rocm-smi; Infinity Fabric 7
     * x 128 GB/s (896 GB/s both directions, 448 each way); 750 W. Rental $1.85/h: Vultr, in a survey of AMD rentals
     * dated 2026-05-18 (TensorWave $1.50; Azure and Oracle about $6).
     */
    public static final HardwareSpec MI300X = gpu("AMD Instinct MI300X", 1307.4, 2614.9, 2614.9, 0, 0, 163.4)
            .memoryBandwidth(Bandwidth.ofGigabytesPerSecond(5300))
            .memoryCapacity(Bytes.ofGibibytes(192))
            .interconnectBandwidth(Bandwidth.ofGigabytesPerSecond(448))
            .tdpWatts(750)
            .rentalUsdPerHour(1.85)
            .build();

    /**
     * NVIDIA GeForce RTX 4090. Ada Lovelace whitepaper v2.02, appendix A: FP16 and BF16 tensor with FP32 accumulate
     * 165.2 dense (330.3 with FP16 accumulate, which inference kernels rarely use), FP8 330.3 (FP32 accumulate), INT8
     * 660.6, INT4 1,321.2 dense, FP32 82.6; 1,008 GB/s GDDR6X; 24 GB, 24,564 MiB reported; PCIe Gen4 x16 (32 GB/s
     * each way), no NVLink; 450 W. No rental price: a consumer card, bought rather than rented.
     */
    public static final HardwareSpec RTX_4090 = gpu("NVIDIA GeForce RTX 4090", 165.2, 330.3, 660.6, 1321.2, 0, 82.6)
            .memoryBandwidth(Bandwidth.ofGigabytesPerSecond(1008))
            .memoryCapacity(Bytes.of(24564 * MIB))
            .interconnectBandwidth(Bandwidth.ofGigabytesPerSecond(32))
            .tdpWatts(450)
            .build();

    /**
     * Apple M2 Ultra (76-core GPU). Apple's announcement (June 2023): 800 GB/s unified memory, up to 192 GB, GPU 27.2
     * TFLOPS FP32; FP16 runs at the FP32 rate (independent specification listings; Apple does not publish it); Mac
     * Studio maximum continuous power 295 W (the whole system). No rental price: a desktop computer.
     */
    public static final HardwareSpec APPLE_M2_ULTRA = HardwareSpec.builder()
            .name("Apple M2 Ultra")
            .peakFlops(formats(27.2, 0, 0, 0, 0, 27.2))
            .memoryBandwidth(Bandwidth.ofGigabytesPerSecond(800))
            .memoryCapacity(Bytes.ofGibibytes(192))
            .tdpWatts(295)
            .build();

    /**
     * Qualcomm Snapdragon 8 Elite, CPU, as the article counts it (section 4.1): about 50 GFLOPS and 51 GB/s, in any
     * format (a CPU's achieved matrix throughput, not a peak: Qualcomm publishes no FLOPS figure; the 51 GB/s is
     * LPDDR5-6400 on a 64-bit bus, while the chip supports LPDDR5X-5300, about 85 GB/s). 12 GB of phone memory, a
     * typical 2025 flagship's; 8 W, the top of the article's 3-8 W during inference. No rental price: a phone's chip.
     */
    public static final HardwareSpec SNAPDRAGON_8_ELITE_CPU = HardwareSpec.builder()
            .name("Snapdragon 8 Elite CPU")
            .peakFlops(formats(0.05, 0, 0.05, 0.05, 0, 0.05))
            .memoryBandwidth(Bandwidth.ofGigabytesPerSecond(51))
            .memoryCapacity(Bytes.ofGibibytes(12))
            .tdpWatts(8)
            .build();

    /**
     * NVIDIA H20 96GB (Hopper, export-compliant for China). NVIDIA H20 product brief figures as reproduced in public
     * listings (willitrunai.com, 2026; Geekbench-era reports, 2024): FP16/BF16 148, FP8 and INT8 296 dense, FP32 44;
     * 4.0 TB/s HBM3; 96 GB label, 97,871 MiB reported by nvidia-smi (public logs); NVLink 4 at 900 GB/s both
     * directions; 400 W (nvidia-smi shows a 500 W cap). No rental price: no Western neocloud or hyperscaler lists it
     * and no dated public price was found on 2026-11-30 (it is rented through Chinese clouds by quote); pass your own
     * with {@code --price} (the planner lists it as excluded for want of a price rather than guessing one).
     */
    public static final HardwareSpec H20 = gpu("NVIDIA H20", 148, 296, 296, 0, 0, 44)
            .memoryBandwidth(Bandwidth.ofGigabytesPerSecond(4000))
            .memoryCapacity(Bytes.of(97871 * MIB))
            .interconnectBandwidth(Bandwidth.ofGigabytesPerSecond(450))
            .tdpWatts(400)
            .build();

    /**
     * AMD Instinct MI325X. AMD product page and launch (Advancing AI, 2024-10-10): compute as the MI300X (FP16/BF16
     * 1,307.4, FP8 and INT8 2,614.9 dense, FP32 163.4); 6 TB/s HBM3E; 256 GB label, taken as 256 GiB as the MI300X's
     * 192 GB reports exactly 192 GiB; Infinity Fabric 448 GB/s each way; 1,000 W. Rental $1.95/h: TensorWave, in the
     * same survey of AMD rentals dated 2026-05-18 that prices the MI300X (cliffcenter.com research note).
     */
    public static final HardwareSpec MI325X = gpu("AMD Instinct MI325X", 1307.4, 2614.9, 2614.9, 0, 0, 163.4)
            .memoryBandwidth(Bandwidth.ofGigabytesPerSecond(6000))
            .memoryCapacity(Bytes.ofGibibytes(256))
            .interconnectBandwidth(Bandwidth.ofGigabytesPerSecond(448))
            .tdpWatts(1000)
            .rentalUsdPerHour(1.95)
            .build();

    /**
     * NVIDIA GB200, per Blackwell GPU of a GB200 NVL72 rack. NVIDIA GB200 NVL72 specification (2024-2025), rack
     * figures over 72 GPUs and halved from sparse: FP16/BF16 2,500, FP8 and INT8 5,000, FP4 10,000 dense, FP32 80
     * (the 1,200 W configuration; glennklockwood.com's Blackwell table agrees); 8 TB/s HBM3e (576 TB/s per rack);
     * 186 GB (13.4 TB per rack; the driver's figure was not found, so the decimal label is used); NVLink 5 at 1.8 TB/s
     * both directions to all 72 GPUs; 1,200 W. Rental $10.50/h per GPU: CoreWeave's GB200 NVL72 instance of 4 GPUs at
     * $42.00/h, as listed by gpu.blog, read 2026-11-30.
     */
    public static final HardwareSpec GB200 = gpu("NVIDIA GB200 (per GPU)", 2500, 5000, 5000, 0, 10000, 80)
            .memoryBandwidth(Bandwidth.ofGigabytesPerSecond(8000))
            .memoryCapacity(Bytes.of(186e9))
            .interconnectBandwidth(Bandwidth.ofGigabytesPerSecond(900))
            .tdpWatts(1200)
            .rentalUsdPerHour(10.50)
            .build();

    /**
     * NVIDIA GeForce RTX 5090. NVIDIA RTX Blackwell GPU architecture whitepaper (2025), appendix: FP16/BF16 tensor
     * with FP32 accumulate 209.5 dense, FP8 419 (FP32 accumulate), INT8 838, FP4 1,676 dense (NVIDIA's "3,352 AI
     * TOPS" is FP4 with sparsity), FP32 104.8; 1,792 GB/s GDDR7; 32 GB, 32,607 MiB reported by nvidia-smi; PCIe Gen5
     * x16 (64 GB/s each way), no NVLink; 575 W. No rental price: a consumer card, bought rather than rented.
     */
    public static final HardwareSpec RTX_5090 = gpu("NVIDIA GeForce RTX 5090", 209.5, 419, 838, 0, 1676, 104.8)
            .memoryBandwidth(Bandwidth.ofGigabytesPerSecond(1792))
            .memoryCapacity(Bytes.of(32607 * MIB))
            .interconnectBandwidth(Bandwidth.ofGigabytesPerSecond(64))
            .tdpWatts(575)
            .build();

    /**
     * Apple M4 Max (16-core CPU, 40-core GPU). Apple's announcement (2024-10-30): 546 GB/s unified memory, up to 128
     * GB. Apple publishes no FLOPS: the GPU's 5,120 ALUs at about 1.68 GHz give 17.2 TFLOPS FP32 (hmc-tech.com lists
     * the 32-core part at 13.74 at that clock), and FP16 runs at the FP32 rate on Apple GPUs; the 16-inch MacBook Pro's
     * 140 W adapter bounds its power. No rental price: a laptop or desktop computer.
     */
    public static final HardwareSpec APPLE_M4_MAX = HardwareSpec.builder()
            .name("Apple M4 Max")
            .peakFlops(formats(17.2, 0, 0, 0, 0, 17.2))
            .memoryBandwidth(Bandwidth.ofGigabytesPerSecond(546))
            .memoryCapacity(Bytes.ofGibibytes(128))
            .tdpWatts(140)
            .build();

    /**
     * Qualcomm Snapdragon 8 Elite, Hexagon NPU, beside the article's CPU figures. Qualcomm publishes no TOPS figure for
     * this NPU (only "45% faster" than the 8 Gen 3's, at the launch on 2024-10-21); third-party listings give 45 TOPS
     * INT8 (runlocalai.co, reviewed May 2026) up to 80, and 45 is used; FP16 is taken at half the INT8 rate (an
     * assumption, as on most tensor units; decode on a phone is bound by memory, not by this figure). Memory as the
     * chip supports it: LPDDR5X at 10.6 GT/s on a 64-bit bus, 84.8 GB/s, where the article's CPU figure uses 51 GB/s;
     * 12 GB of phone memory and 8 W as the CPU preset; FP32 work falls back to the CPU's 50 GFLOPS. No rental price: a
     * phone's chip.
     */
    public static final HardwareSpec SNAPDRAGON_8_ELITE_NPU = HardwareSpec.builder()
            .name("Snapdragon 8 Elite NPU")
            .peakFlops(formats(22.5, 0, 45, 45, 0, 0.05))
            .memoryBandwidth(Bandwidth.ofGigabytesPerSecond(84.8))
            .memoryCapacity(Bytes.ofGibibytes(12))
            .tdpWatts(8)
            .build();

    private static final Map<String, HardwareSpec> BY_ID = registry();

    private static Map<String, HardwareSpec> registry() {
        Map<String, HardwareSpec> map = new LinkedHashMap<>();
        map.put("h100-sxm", H100_SXM);
        map.put("h100-pcie", H100_PCIE);
        map.put("h200", H200);
        map.put("h20", H20);
        map.put("b200", B200);
        map.put("gb200", GB200);
        map.put("a100-40gb", A100_40GB);
        map.put("a100-80gb", A100_80GB);
        map.put("l4", L4);
        map.put("l40s", L40S);
        map.put("mi300x", MI300X);
        map.put("mi325x", MI325X);
        map.put("rtx-4090", RTX_4090);
        map.put("rtx-5090", RTX_5090);
        map.put("apple-m2-ultra", APPLE_M2_ULTRA);
        map.put("apple-m4-max", APPLE_M4_MAX);
        map.put("snapdragon-8-elite-cpu", SNAPDRAGON_8_ELITE_CPU);
        map.put("snapdragon-8-elite-npu", SNAPDRAGON_8_ELITE_NPU);
        return map;
    }

    private static final List<String> DATA_CENTRE = List.of(
            "h100-sxm",
            "h100-pcie",
            "h200",
            "h20",
            "b200",
            "gb200",
            "a100-40gb",
            "a100-80gb",
            "l4",
            "l40s",
            "mi300x",
            "mi325x");

    /**
     * {@return the data-centre presets, keyed by id, in the presets' order: the chips one rents by the hour (all carry a
     * dated rental price but the H20, for which none is published), as opposed to consumer cards, computers and
     * phones}
     */
    public static Map<String, HardwareSpec> dataCentre() {
        Map<String, HardwareSpec> map = new LinkedHashMap<>();
        for (String id : DATA_CENTRE) {
            map.put(id, BY_ID.get(id));
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /** {@return every preset id, in a stable order} */
    public static List<String> ids() {
        return List.copyOf(BY_ID.keySet());
    }

    /** {@return every preset, keyed by id} */
    public static Map<String, HardwareSpec> all() {
        return java.util.Collections.unmodifiableMap(BY_ID);
    }

    /**
     * Finds a preset by id, ignoring case.
     *
     * @param id such as {@code "h100-sxm"}
     * @return the preset
     * @throws IllegalArgumentException naming the id and listing the known ones if none matches
     */
    public static HardwareSpec byId(String id) {
        HardwareSpec spec = BY_ID.get(id.trim().toLowerCase(Locale.ROOT));
        if (spec == null) {
            throw new IllegalArgumentException("hardware preset (" + id + ") is unknown; known presets: " + ids());
        }
        return spec;
    }

    private static HardwareSpec.Builder gpu(
            String name, double bf16, double fp8, double int8, double int4, double fp4, double fp32) {
        return HardwareSpec.builder().name(name).peakFlops(formats(bf16, fp8, int8, int4, fp4, fp32));
    }

    /** Peaks in TFLOPS (TOPS for integers); 0 means the chip has no such path. */
    private static Map<NumericFormat, FlopRate> formats(
            double bf16, double fp8, double int8, double int4, double fp4, double fp32) {
        Map<NumericFormat, FlopRate> map = new EnumMap<>(NumericFormat.class);
        map.put(NumericFormat.FP32, FlopRate.ofTeraflops(fp32));
        map.put(NumericFormat.BF16, FlopRate.ofTeraflops(bf16));
        map.put(NumericFormat.FP16, FlopRate.ofTeraflops(bf16));
        if (fp8 > 0) {
            map.put(NumericFormat.FP8_E4M3, FlopRate.ofTeraflops(fp8));
            map.put(NumericFormat.FP8_E5M2, FlopRate.ofTeraflops(fp8));
        }
        if (int8 > 0) {
            map.put(NumericFormat.INT8, FlopRate.ofTeraflops(int8));
        }
        if (int4 > 0) {
            map.put(NumericFormat.INT4, FlopRate.ofTeraflops(int4));
        }
        if (fp4 > 0) {
            map.put(NumericFormat.FP4, FlopRate.ofTeraflops(fp4));
        }
        return map;
    }
}
