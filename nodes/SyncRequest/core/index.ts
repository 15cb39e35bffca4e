export { checkSyncRequest } from './request';
export type { CompanyMapRow, Refusal, RequestVerdict, SyncRequestInput, SyncScope } from './types';
