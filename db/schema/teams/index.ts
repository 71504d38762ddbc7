export * from './teams';
export * from './validation';
