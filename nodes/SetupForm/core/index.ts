export * from './html';
export * from './fields';
export * from './suggestions';
export * from './onboarding';
export * from './linkLicenses';
export * from './preview';
export * from './words';
