export * from './templates';
export * from './validation';
