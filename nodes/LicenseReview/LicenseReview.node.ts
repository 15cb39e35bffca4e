import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription, NodeConnectionTypes } from 'n8n-workflow';
import { describeChanges, FORM_CSS, overviewStep, reviewStep, type ApprovalRow, type CompanyMapRow, type OverviewSession, type ReviewSession } from './core';
import { properties } from './properties';

/** A JSON parameter as a value: n8n hands over objects, or text when typed by hand. */
function jsonParameter(context: IExecuteFunctions, name: string, index: number): unknown {
	const value = context.getNodeParameter(name, index, null) as unknown;
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return null;
	try {
		return JSON.parse(value) as unknown;
	} catch (error) {
		throw new NodeOperationError(context.getNode(), `${name} is not valid JSON: ${(error as Error).message}`, { itemIndex: index });
	}
}

/** Rows of a table: a list of objects; empty placeholder rows (alwaysOutputData) are left out. */
function rowsParameter<T>(context: IExecuteFunctions, name: string, index: number): T[] {
	const value = jsonParameter(context, name, index);
	if (value === null || value === undefined) return [];
	if (!Array.isArray(value)) throw new NodeOperationError(context.getNode(), `${name} must be a list of rows`, { itemIndex: index });
	return value.filter((row) => row !== null && typeof row === 'object' && Object.keys(row as object).length > 0) as T[];
}

function objectParameter(context: IExecuteFunctions, name: string, index: number): Record<string, unknown> | null {
	const value = jsonParameter(context, name, index);
	if (value === null || value === undefined) return null;
	if (typeof value !== 'object' || Array.isArray(value)) throw new NodeOperationError(context.getNode(), `${name} must be an object`, { itemIndex: index });
	return value as Record<string, unknown>;
}

// A step between form pages of a shipped template: not something an AI agent calls.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class LicenseReview implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'M365 License Review',
		name: 'licenseReview',
		icon: { light: 'file:licenseReview.svg', dark: 'file:licenseReview.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] === "overviewStep" ? "company overview" : "review held-back changes" }}',
		description: 'The pages of the review and company overview forms: held changes grouped and paged in plain words, a company\'s licenses beside its PSA lines',
		defaults: { name: 'M365 License Review' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const out: INodeExecutionData[] = [];
		const items = this.getInputData();
		for (let index = 0; index < items.length; index++) {
			const operation = this.getNodeParameter('operation', index) as string;
			const event = objectParameter(this, 'event', index) ?? {};
			const companyMap = rowsParameter<CompanyMapRow>(this, 'companyMap', index);
			const approvals = rowsParameter<ApprovalRow>(this, 'approvals', index);
			let step: { next: string; page?: object };
			if (operation === 'reviewStep') {
				const session = objectParameter(this, 'session', index) as ReviewSession | null;
				step = reviewStep({ changes: describeChanges(approvals, companyMap), session, event, pageSize: this.getNodeParameter('pageSize', index, 15) as number });
			} else {
				step = overviewStep({
					session: objectParameter(this, 'session', index) as OverviewSession | null,
					event,
					companyMap,
					approvals,
					links: rowsParameter(this, 'links', index),
					profiles: rowsParameter(this, 'profiles', index),
					audit: rowsParameter(this, 'audit', index),
					licenses: rowsParameter(this, 'licenses', index),
					lines: rowsParameter(this, 'lines', index),
					syncResult: objectParameter(this, 'syncResult', index),
				});
			}
			// Every page gets the same styling: a wider card and readable tables.
			if (step.page) step.page = { ...step.page, css: FORM_CSS };
			out.push({ json: step as IDataObject, pairedItem: { item: index } });
		}
		return [out];
	}
}
