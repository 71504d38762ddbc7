/** Where a webhook comes from; each source has its own signature scheme and payload parser. */
export const TRIGGER_SOURCES = ['github', 'slack', 'jira', 'generic'] as const;
export type TriggerSource = (typeof TRIGGER_SOURCES)[number];

/** A trigger's request budget per client address; express-rate-limit counts within the window. */
export interface TriggerRateLimit {
  maxRequests: number;
  windowSeconds: number;
}

export const DEFAULT_TRIGGER_RATE_LIMIT: TriggerRateLimit = { maxRequests: 60, windowSeconds: 60 };

/** What an accepted delivery creates (response `goalId` or `taskIds`). */
export const TRIGGER_TARGETS = ['goal', 'tasks'] as const;
export type TriggerTarget = (typeof TRIGGER_TARGETS)[number];
