package consumer.classpath;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.economics.Estimate;
import io.github.llmcost.economics.LlmCost;
import io.github.llmcost.hardware.HardwarePresets;

public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Estimate e = LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .estimate();
        System.out.println("classpath consumer: time to first token " + e.timeToFirstToken());
    }
}
