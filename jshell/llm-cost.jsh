// llm-cost JShell startup: imports the whole API.
// jshell --class-path cost-examples/target/llm-cost.jar --startup DEFAULT --startup jshell/llm-cost.jsh
import io.github.llmcost.core.*;
import io.github.llmcost.hardware.*;
import io.github.llmcost.hardware.calibration.*;
import io.github.llmcost.hardware.serving.*;
import io.github.llmcost.economics.*;
System.out.println("llm-cost: io.github.llmcost.{core,hardware,hardware.calibration,hardware.serving,economics}.* imported; try ModelPresets.ids()");
