/** The barrel the worker bundles: every workflow type Ananta registers. */
export { goalWorkflow } from './goal';
export { taskWorkflow } from './task';
export { planWorkflow } from './plan';
export { autopilotWorkflow } from './autopilot';
export { analyzeTaskWorkflow } from './analyze-task';
export { proposeManualStepWorkflow, manualStepWorkflow } from './manual-step';
