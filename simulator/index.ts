export { startSimulator, UnknownZvmError, type Simulator, type SimulatorOptions } from "./simulator";
export {
  SCENARIOS,
  mixedFleet,
  scenarioPreset,
  type Generation,
  type ScenarioName,
  type SendUsageBehaviour,
  type ZvmBehaviour,
  type ZvmPatch,
  type ZvmSpec,
} from "./scenarios";
export type { SimulatedZvmInfo, ZvmStats } from "./simulated-zvm";
export {
  BILLING_HELP_IDENTIFIER,
  CRITICAL_BILLING_HELP_IDENTIFIER,
  DISCONNECTION_HELP_IDENTIFIER,
  VRA_CONNECTION_HELP_IDENTIFIER,
} from "./zvm-payloads";
