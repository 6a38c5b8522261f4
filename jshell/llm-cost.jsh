// llm-cost JShell startup: imports the whole API.
// jshell --class-path cost-examples/target/llm-cost.jar --startup DEFAULT --startup jshell/llm-cost.jsh
import io.github.llmcost.core.*;
import io.github.llmcost.hardware.*;
import io.github.llmcost.hardware.calibration.*;
import io.github.llmcost.hardware.serving.*;
import io.github.llmcost.economics.*;
import io.github.llmcost.economics.plan.*;
System.out.println("llm-cost: io.github.llmcost.{core,hardware,hardware.calibration,hardware.serving,economics,economics.plan}.* imported; try ModelPresets.ids()");
