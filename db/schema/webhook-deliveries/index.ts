export * from './constants';
export * from './webhook-deliveries';
export * from './validation';
