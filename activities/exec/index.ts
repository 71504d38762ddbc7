/** Command execution: the runCommand activity and the sandbox it runs commands in. */
export { createExecActivities, type ExecActivities, type ExecResult, type ExecActivityDeps, type OutputChunkInfo } from './exec-activities';
export type { OutputStream } from './capped-output';
export { runSandboxed, UNSANDBOXED_NOTICE, type RunSandboxedOptions, type RunSandboxedResult } from './run-sandboxed';
export { SandboxUnavailableError } from './locate-sandbox';
export { buildSandboxArgs, scrubbedEnv, SANDBOX_PATH } from './sandbox-args';
export type { RunCommandHeartbeat } from './attempt-progress';
