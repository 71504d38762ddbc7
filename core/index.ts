export * from './statuses';
export * from './task-queues';
export * from './usage';
export * from './types';
