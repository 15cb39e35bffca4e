export * from './apiError';
export * from './concurrency';
export * from './errors';
export * from './http';
export * from './paging';
export * from './redact';
export * from './retry';
export * from './skuCatalogue';
