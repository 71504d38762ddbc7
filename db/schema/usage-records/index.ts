export * from './constants';
export * from './usage-records';
export * from './validation';
