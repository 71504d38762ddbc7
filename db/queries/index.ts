/** Every query function of the store; each takes the Db (or a transaction) first. */
export * from './pagination';
export * from './users';
export * from './settings';
export * from './teams';
export * from './templates';
export * from './goals';
export * from './tasks';
export * from './task-events';
export * from './usage';
export * from './triggers';
export * from './webhook-deliveries';
export * from './api-keys';
export * from './audit-logs';
export * from './user-admin';
export * from './team-members';
export * from './team-types';
export * from './workers';
