export * from './workers';
export * from './validation';
