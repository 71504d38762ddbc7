export * from './constants';
export * from './settings';
export * from './validation';
