export * from './constants';
export * from './goals';
export * from './validation';
