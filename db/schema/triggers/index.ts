export * from './constants';
export * from './triggers';
export * from './validation';
