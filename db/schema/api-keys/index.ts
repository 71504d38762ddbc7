export * from './api-keys';
export * from './validation';
