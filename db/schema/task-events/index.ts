export * from './constants';
export * from './task-events';
export * from './validation';
