/** Activity types for the workflows (imported as types only) and factories for the worker. */
export { createLlmActivities, type LlmActivities } from './llm/llm-activities';
export { createStoreActivities, type StoreActivities } from './store/store-activities';
