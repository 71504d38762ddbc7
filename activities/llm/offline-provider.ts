/**
 * The default provider when no vendor is configured: deterministic, offline, and honest about it.
 * It plans one subtask per clause of the goal (each depending on the one before), proposes safe shell
 * steps from the clause (or runs `backticked` commands literally), and finds follow-ups only where a
 * command printed `FOLLOWUP: <text>` lines.
 */
import type { DetectFollowupsInput, PlanGoalInput, ProposeStepInput } from '../../core/types';
import type { LlmProvider, LlmRequest, LlmResponse } from './provider';
import { capitalise, commandForClause, explicitCommands, OFFLINE_NOTE, splitIntoClauses } from './offline-planner';

const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

function plan(input: PlanGoalInput): unknown {
  const clauses = splitIntoClauses(input.goal).slice(0, input.maxSubtasks);
  return {
    note: OFFLINE_NOTE,
    subtasks: clauses.map((clause, i) => ({
      id: `s${i + 1}`,
      title: capitalise(clause).slice(0, 200),
      description: `${capitalise(clause)}\n(${OFFLINE_NOTE})`.slice(0, 4000),
      dependsOn: i === 0 ? [] : [`s${i}`],
    })),
  };
}

function proposeStep(input: ProposeStepInput): unknown {
  const last = input.history.at(-1);
  if (last?.rejected) return { kind: 'done', success: false, summary: `${OFFLINE_NOTE}: the command was rejected, so the task stops` };
  if (last && last.exitCode !== 0) return { kind: 'done', success: false, summary: `${OFFLINE_NOTE}: \`${last.command}\` exited ${last.exitCode}` };
  // Commands come from the description (the title may be a truncated copy of it).
  const explicit = explicitCommands(input.description);
  const commands = explicit.length > 0 ? explicit : [commandForClause(input.title, input.goal) ?? `echo ${JSON.stringify(`${OFFLINE_NOTE}: nothing to run for "${input.title}"`)}`];
  const next = commands[input.history.length];
  if (next === undefined) return { kind: 'done', success: true, summary: `${OFFLINE_NOTE}: ${commands.length} command(s) succeeded` };
  return { kind: 'command', reasoning: `${OFFLINE_NOTE}: step ${input.history.length + 1} of ${commands.length} for "${input.title}"`, command: next };
}

function detectFollowups(input: DetectFollowupsInput): unknown {
  const lines = (input.task.lastOutput ?? '').split('\n');
  const followups = lines.flatMap((line) => {
    const m = /^FOLLOWUP:\s*(.+)$/.exec(line.trim());
    return m ? [{ description: m[1].trim(), priority: 'medium' }] : [];
  });
  return { followups };
}

export function createOfflineProvider(): LlmProvider {
  return {
    name: 'offline',
    async complete(request: LlmRequest): Promise<LlmResponse> {
      const answer =
        request.purpose === 'plan'
          ? plan(request.input as PlanGoalInput)
          : request.purpose === 'propose_step'
            ? proposeStep(request.input as ProposeStepInput)
            : detectFollowups(request.input as DetectFollowupsInput);
      const text = JSON.stringify(answer);
      return { text, model: 'offline', inputTokens: estimateTokens(request.system + request.prompt), outputTokens: estimateTokens(text), costUsd: 0 };
    },
  };
}
