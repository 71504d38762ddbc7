/**
 * Contracts of the short workflows behind the auto-planner's analysis and a task's manual agent
 * steps (POST /tasks/auto-planner/analyze/{taskId}, POST /tasks/{id}/step/propose|execute).
 */
import type { TextRange } from './output-streams';
import type { TaskQueueNames } from './task-queues';
import type {
  ApprovalPolicy, ClassifyCommandResult, DetectFollowupsInput, DetectFollowupsResult, ProposeStepInput, ProposedStep,
} from './types';
import type { Usage } from './usage';

export interface AnalyzeTaskInput extends DetectFollowupsInput {
  queues?: TaskQueueNames;
}
export type AnalyzeTaskResult = DetectFollowupsResult;

export interface ProposeManualStepInput extends ProposeStepInput {
  queues?: TaskQueueNames;
}

export interface ProposeManualStepResult {
  step: ProposedStep;
  /** The policy's risk class of the proposed command (absent when the agent says the task is done). */
  risk?: ClassifyCommandResult;
  usage: Usage;
}

export interface ManualStepInput {
  queues?: TaskQueueNames;
  taskId: string;
  /** The task's goal: names the workspace the command runs in. */
  goalId: string;
  /** Unique per task; keys the step's log events, so a retried store write never doubles a line. */
  stepId: string;
  /** Numbers the live output lines of this step; above the agent loop's own step numbers. */
  stepIndex: number;
  command: string;
  approvalPolicy: ApprovalPolicy;
  /** The caller (admin/operator) approved this command beforehand. */
  approved: boolean;
  /** Who asked, for the log. */
  by: string;
  allowNetwork: boolean;
  timeoutSeconds: number;
  outputCapBytes: number;
}

export interface ManualStepResult {
  exitCode: number;
  output: string;
  /** Where stderr lies in `output`; absent from steps run before it was reported. */
  stderrRanges?: TextRange[];
  truncated: boolean;
  timedOut: boolean;
  durationMs: number;
  risk: ClassifyCommandResult;
}
