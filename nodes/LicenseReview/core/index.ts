export { describeChanges } from './changes';
export { reviewStep, type ReviewSession, type ReviewStep } from './review';
export { overviewStep, type OverviewSession, type OverviewStep } from './overview';
export type { ApprovalRow, CompanyMapRow } from './types';
export type { AdditionRow, AuditRow, LicenseRow, LinkRow, ProfileRow } from './overviewTable';
export { FORM_CSS } from './html';
