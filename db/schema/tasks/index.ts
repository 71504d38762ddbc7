export * from './constants';
export * from './tasks';
export * from './validation';
