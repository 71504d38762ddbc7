export * from './constants';
export * from './team-types';
export * from './validation';
