import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { addUpBatches, approvalChanges, intentRow, summarizeContactSync, outcomeOf, plansToApply, resultRows, routed, scopeOfRun, splitIntoBatches, summarizeRun, type BatchRow, type RunScope, type ScopeForBatches, type ScopeRow, type StepOutputs } from './core';
import { properties } from './properties';

// Steps of the shipped sync templates (batches, summary, outcome): not something an AI agent calls.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class SyncRun implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sync Run',
		name: 'syncRun',
		icon: { light: 'file:syncRun.svg', dark: 'file:syncRun.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description: 'Work out the scope of a license sync, summarize it, split it into batches of tenants for n8n queue-mode workers, add the batches up into one summary, and state a sync\'s outcome; summarize a contact sync',
		defaults: { name: 'Sync Run' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0) as string;
		if (operation === 'split') {
			// One scope item in; a failure here stops the run before anything was started.
			const scope = items[0]?.json as unknown as ScopeForBatches | undefined;
			if (!scope || !Array.isArray(scope.tenants) || !Array.isArray(scope.links)) {
				throw new NodeOperationError(this.getNode(), 'The input is not a scope item: it needs the lists "tenants" and "links" (the output of "Scope of this run")');
			}
			const batchSize = this.getNodeParameter('batchSize', 0) as number;
			const runId = String(this.getNodeParameter('runId', 0) ?? '').trim();
			if (runId === '') throw new NodeOperationError(this.getNode(), 'Run ID is empty: it must be the execution that holds the sync lock');
			const dryRun = this.getNodeParameter('dryRun', 0) as boolean;
			let batches;
			try {
				batches = splitIntoBatches(scope, batchSize);
			} catch (error) {
				throw new NodeOperationError(this.getNode(), (error as Error).message);
			}
			// When the batches were planned: the run waits for them at most Sync settings' batchWaitSeconds from here.
			const plannedAt = new Date().toISOString();
			return [
				batches.map((batch) => ({
					json: { runId, plannedAt, batchNo: batch.batchNo, batchCount: batch.batchCount, tenants: batch.tenantIds.length, tenantIds: JSON.stringify(batch.tenantIds), dryRun, status: 'queued' },
					pairedItem: { item: 0 },
				})),
			];
		}
		if (operation === 'addUp') {
			// Placeholder items (alwaysOutputData on an empty read) are not rows.
			const rows = items.map((item) => item.json as BatchRow).filter((row) => Object.keys(row).length > 0);
			const summary = addUpBatches(rows, {
				waitedSeconds: Number(this.getNodeParameter('waitedSeconds', 0)) || 0,
				dryRun: this.getNodeParameter('dryRun', 0) as boolean,
				timeZone: String(this.getNodeParameter('timeZone', 0) ?? 'UTC'),
				now: new Date().toISOString(),
			});
			return [[{ json: summary as unknown as IDataObject, pairedItem: items.map((_, index) => ({ item: index })) }]];
		}
		if (operation === 'scope') {
			const scope = scopeOfRun({
				request: jsonParameter(this, 'request', 'object') as ScopeRow,
				companyMap: jsonParameter(this, 'companyMap', 'list') as ScopeRow[],
				licenseLinks: jsonParameter(this, 'licenseLinks', 'list') as ScopeRow[],
				batchTenantIds: batchTenantIds(this),
				defaultPsa: String(this.getNodeParameter('defaultPsa', 0, '') ?? ''),
			});
			return [[{ json: scope as unknown as IDataObject, pairedItem: { item: 0 } }]];
		}
		if (operation === 'summary') {
			const scope = jsonParameter(this, 'scope', 'object') as unknown as RunScope;
			if (!Array.isArray(scope.tenants) || !Array.isArray(scope.links) || !Array.isArray(scope.notSynced)) {
				throw new NodeOperationError(this.getNode(), 'Scope is not a scope item: it needs the lists "tenants", "links" and "notSynced" (the output of "Scope of this run")');
			}
			const given = jsonParameter(this, 'steps', 'object') as IDataObject;
			const list = (name: keyof StepOutputs) => (Array.isArray(given[name]) ? (given[name] as IDataObject[]) : []);
			const steps: StepOutputs = {
				planned: list('planned'),
				applied: list('applied'),
				unchanged: list('unchanged'),
				held: list('held'),
				notSynced: list('notSynced'),
				licenseReadFailures: list('licenseReadFailures'),
				lineReadFailures: list('lineReadFailures'),
			};
			const summary = summarizeRun(scope, steps, {
				timeZone: String(this.getNodeParameter('timeZone', 0, 'UTC') ?? 'UTC'),
				waitedSeconds: Number(this.getNodeParameter('waitedSeconds', 0, 0)) || 0,
				reviewFormUrl: String(this.getNodeParameter('reviewFormUrl', 0, '') ?? ''),
				now: new Date().toISOString(),
			});
			return [[{ json: summary as unknown as IDataObject, pairedItem: items.map((_, index) => ({ item: index })) }]];
		}
		if (operation === 'plan') {
			const scope = jsonParameter(this, 'scope', 'object') as unknown as RunScope;
			if (scope.agreementPsa === null || typeof scope.agreementPsa !== 'object' || !Array.isArray(scope.links)) {
				throw new NodeOperationError(this.getNode(), 'Scope is not a scope item: it needs "agreementPsa" and the list "links" (the output of "Scope of this run")');
			}
			const plans = plansToApply(items.map((item) => item.json), scope);
			return [plans.map((json, index) => ({ json: json as IDataObject, pairedItem: { item: index } }))];
		}
		if (operation === 'intents' || operation === 'results') {
			const runId = String(this.getNodeParameter('runId', 0) ?? '').trim();
			if (runId === '') throw new NodeOperationError(this.getNode(), 'Run ID is empty: it must be the execution that writes, so a crash can be told from this run');
			const now = new Date().toISOString();
			if (operation === 'intents') {
				return [items.flatMap((item, index) => (routed(item.json) ? [{ json: intentRow(item.json, runId, now) as unknown as IDataObject, pairedItem: { item: index } }] : []))];
			}
			const rows = resultRows(
				items.map((item) => item.json),
				jsonParameter(this, 'intents', 'list') as IDataObject[],
				runId,
				now,
			);
			return [rows.map((json, index) => ({ json: json as unknown as IDataObject, pairedItem: { item: index } }))];
		}
		if (operation === 'contactSync') {
			const summary = summarizeContactSync({
				results: rows(jsonParameter(this, 'contactResults', 'list')),
				users: rows(jsonParameter(this, 'usersRead', 'list')),
				contacts: rows(jsonParameter(this, 'usersSynced', 'list')),
				synced: rows(jsonParameter(this, 'syncedContacts', 'list')),
				deactivateLeavers: this.getNodeParameter('deactivateLeavers', 0, false) === true,
			});
			return [[{ json: summary as unknown as IDataObject, pairedItem: { item: 0 } }]];
		}
		if (operation === 'approvals' || operation === 'supersede') {
			// Input: every row of m365_approvals (placeholder items of an empty read are not rows); the held plans come as a parameter.
			const stored = items.map((item) => item.json).filter((row) => Object.keys(row).length > 0);
			const plans = jsonParameter(this, 'plans', 'list') as IDataObject[];
			let changes;
			try {
				changes = approvalChanges(plans, stored, new Date().toISOString());
			} catch (error) {
				throw new NodeOperationError(this.getNode(), (error as Error).message);
			}
			if (operation === 'approvals') return [changes.rows.map(({ row }) => ({ json: row as unknown as IDataObject, pairedItem: { item: 0 } }))];
			return [changes.supersede.map((line) => ({ json: line as unknown as IDataObject, pairedItem: { item: 0 } }))];
		}
		if (operation === 'outcome') {
			return [items.map((item, index) => ({ json: { ...item.json, outcome: { ...outcomeOf(item.json) } }, pairedItem: { item: index } }))];
		}
		throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}"`);
	}
}

/** A JSON parameter as an object or list, whether the expression gave the value or its text. */
function jsonParameter(context: IExecuteFunctions, name: string, shape: 'object' | 'list'): IDataObject | IDataObject[] {
	let value = readParameter(context, name, `${name} is not valid JSON`, shape === 'list' ? [] : {});
	if (typeof value === 'string') {
		try {
			value = value.trim() === '' ? (shape === 'list' ? [] : {}) : JSON.parse(value);
		} catch {
			throw new NodeOperationError(context.getNode(), `${name} is not valid JSON`);
		}
	}
	const ok = shape === 'list' ? Array.isArray(value) : value !== null && typeof value === 'object' && !Array.isArray(value);
	if (!ok) throw new NodeOperationError(context.getNode(), `${name} must be a JSON ${shape === 'list' ? 'list' : 'object'}`);
	return value as IDataObject | IDataObject[];
}

/** The rows of a list parameter: placeholder items (alwaysOutputData on an empty read) and non-objects are not rows. */
function rows(value: IDataObject | IDataObject[]): IDataObject[] {
	return (Array.isArray(value) ? value : []).filter((row) => row !== null && typeof row === 'object' && !Array.isArray(row) && Object.keys(row).length > 0);
}

/** A batch's tenant IDs (a JSON list, as m365_sync_batches stores them); null for a whole run. */
function batchTenantIds(context: IExecuteFunctions): string[] | null {
	const value = readParameter(context, 'batchTenantIds', BATCH_IDS_MESSAGE, '');
	if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
	let list: unknown = value;
	try {
		if (typeof value === 'string') list = JSON.parse(value) as unknown;
	} catch {
		list = undefined;
	}
	if (!Array.isArray(list)) throw new NodeOperationError(context.getNode(), BATCH_IDS_MESSAGE);
	return list.map(String);
}

const BATCH_IDS_MESSAGE = 'Batch Tenant IDs must be a JSON list of tenant IDs';

/** n8n parses a JSON parameter itself and throws its own words on bad text: say which parameter instead. */
function readParameter(context: IExecuteFunctions, name: string, message: string, fallback: unknown): unknown {
	try {
		return context.getNodeParameter(name, 0, fallback) as unknown;
	} catch {
		throw new NodeOperationError(context.getNode(), message);
	}
}
