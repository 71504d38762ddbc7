export * from './audit-logs';
export * from './constants';
export * from './validation';
