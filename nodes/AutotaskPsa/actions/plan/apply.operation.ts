import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { ApplySession } from '../../../shared/psa/applyPlan';
import type { ApplyResult } from '../../../shared/psa/contracts';
import { parsePlanItem, plannedAgreements } from '../../../shared/psa/planItem';
import { concurrencyOptions } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import { paired } from '../../helpers/output';
import { AUTOTASK_LIMITS, autotaskLineStore } from './lineStore';

const properties: INodeProperties[] = [
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description: 'Whether to check every plan item against Autotask and report what would change, without writing',
	},
	concurrencyOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['plan'], operation: ['apply'] } }, properties);

/** One apply session per execution (the context is made once per run of the node): the plan's contracts are read in groups, each once. */
const sessions = new WeakMap<OperationContext, ApplySession>();

function sessionOf(ctx: OperationContext, items: INodeExecutionData[]): ApplySession {
	let session = sessions.get(ctx);
	if (!session) {
		session = new ApplySession(autotaskLineStore(ctx), plannedAgreements(items));
		sessions.set(ctx, session);
	}
	return session;
}

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const dryRun = this.getNodeParameter('dryRun', i, false) as boolean;
	const parsed = parsePlanItem(this.getInputData()[i].json, AUTOTASK_LIMITS);
	const result: ApplyResult = parsed.kind === 'pass' ? { ...parsed.item, before: null, after: null, prorate: null, applied: false, dryRun } : await sessionOf(ctx, this.getInputData()).apply(parsed.item, dryRun);
	return paired(this, result, i);
}
