/**
 * Policy activities. Classification is pure, but the workflow reaches it through an activity so
 * the rules can change (and be redeployed with the worker) without breaking workflow determinism:
 * the result of each classification is recorded in history and replays unchanged.
 */
import type { ClassifyCommandResult } from '../../core/types';
import { classifyCommand } from './classify-command';

export { classifyCommand, type ClassifyOptions } from './classify-command';

export interface ClassifyCommandInput {
  command: string;
  /** The task's workspace, when known, so relative and absolute paths are judged against it. */
  workspaceDir?: string;
}

export function createPolicyActivities() {
  return {
    async classifyCommand(input: ClassifyCommandInput): Promise<ClassifyCommandResult> {
      return classifyCommand(input.command, { workspaceDir: input.workspaceDir });
    },
  };
}
