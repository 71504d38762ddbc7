export * from './roles';
export * from './validation';
