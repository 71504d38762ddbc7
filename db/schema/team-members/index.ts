export * from './team-members';
export * from './validation';
