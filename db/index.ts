/** The store: open it with openDatabase, then call the query functions with its `db`. */
export * from './client';
export * from './errors';
export * from './queries';
export * from './schema';
