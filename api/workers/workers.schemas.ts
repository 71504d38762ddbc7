/** Shapes of the worker registry. The token appears only in the registration response. */
import { z } from 'zod';
import { pageQuery } from '../shared/common.schemas';

export const registerBody = z.strictObject({
  name: z.string().trim().min(1).max(200).regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only'),
  url: z.string().url().max(2000).optional(),
  capabilities: z.array(z.string().min(1).max(100)).max(50).default([]).describe('e.g. gpu, docker, repo:<name>'),
  maxConcurrency: z.number().int().min(1).max(100).default(1),
});
export type RegisterBody = z.output<typeof registerBody>;

export const registrationHeaders = z.object({ authorization: z.string().max(1000).optional().describe('Bearer <registration token>') });

export const registeredSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    taskQueue: z.string().describe("The worker's own Temporal task queue"),
    token: z.string().describe('The worker token (`wt_…`) for heartbeats; shown only in this response'),
  })
  .meta({ id: 'RegisteredWorker' });

export const workerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    url: z.string().nullable(),
    status: z.enum(['online', 'offline']),
    lastSeen: z.iso.datetime(),
    taskQueue: z.string(),
    capabilities: z.array(z.string()),
    maxConcurrency: z.number().int(),
    load: z
      .number()
      .int()
      .nullable()
      .describe('Commands running at the last heartbeat this API process received; null when offline or not reported yet'),
  })
  .meta({ id: 'Worker' });

export const heartbeatBody = z.strictObject({
  load: z.number().int().min(0).max(100_000).optional().describe('Commands the worker is running right now'),
});

export const workerPageSchema = z.object({ items: z.array(workerSchema), nextCursor: z.string().nullable() }).meta({ id: 'WorkerPage' });
export const listWorkersQuery = z.object(pageQuery);
