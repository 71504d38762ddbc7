/**
 * What became of a delivery: `accepted` (recorded, a goal is or will be started), `duplicate` (the
 * provider sent it again), `ignored` (verified, but an event we do not act on) or `rejected` (a check
 * failed; `reason` is the problem code).
 */
export const DELIVERY_OUTCOMES = ['accepted', 'duplicate', 'ignored', 'rejected'] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/** Whether the goal workflow of an accepted delivery has been started yet. */
export const DELIVERY_START_STATUSES = ['pending', 'started', 'failed'] as const;
export type DeliveryStartStatus = (typeof DELIVERY_START_STATUSES)[number];

/** The goal an accepted delivery asks for, kept on the row so it can be started later (recovery). */
export interface DeliveryGoalRequest {
  goal: string;
  context?: string;
  teamId?: string;
  templateId?: string;
  autopilot: boolean;
  plan?: Array<{ id: string; title: string; description: string; dependsOn: string[] }>;
}
