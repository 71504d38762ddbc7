/** The store's schema: every table, its constants and its zod schemas. drizzle-kit reads this file. */
export * from './users';
export * from './settings';
export * from './teams';
export * from './templates';
export * from './goals';
export * from './tasks';
export * from './task-events';
export * from './usage-records';
export * from './triggers';
export * from './webhook-deliveries';
export * from './json-columns';
export * from './api-keys';
export * from './audit-logs';
export * from './team-types';
export * from './roles';
export * from './team-members';
export * from './workers';
