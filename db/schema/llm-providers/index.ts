export * from './constants';
export * from './llm-providers';
export * from './validation';
