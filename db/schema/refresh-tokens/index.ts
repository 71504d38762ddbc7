export * from './refresh-tokens';
