export { autoMap } from './autoMap';
export { DEFAULT_OPTIONS, resolveOptions } from './options';
export type * from './types';
