/** Token and cost accounting carried through workflows; costs are what the provider reported or priced. */
export interface Usage {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  tokens: number;
  costUsd: number;
}

export const emptyUsage = (): Usage => ({ calls: 0, inputTokens: 0, outputTokens: 0, tokens: 0, costUsd: 0 });

export function addUsage(a: Usage, b: Partial<Usage> | undefined): Usage {
  if (!b) return a;
  const inputTokens = a.inputTokens + (b.inputTokens ?? 0);
  const outputTokens = a.outputTokens + (b.outputTokens ?? 0);
  return {
    calls: a.calls + (b.calls ?? 0),
    inputTokens,
    outputTokens,
    tokens: inputTokens + outputTokens,
    costUsd: Math.round((a.costUsd + (b.costUsd ?? 0)) * 1e6) / 1e6,
  };
}
