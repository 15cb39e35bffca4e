export * from './scope';
export * from './summary';
