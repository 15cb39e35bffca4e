import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { IdentifiedError } from '../../../shared/itemError';
import { ApplySession } from '../../../shared/psa/applyPlan';
import { plannedAgreements } from '../../../shared/psa/planItem';
import type { LineValues } from '../../../shared/psa/contracts';
import { concurrencyOptions } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import { connectWiseLineStore } from './lineStore';
import { parsePlanItem } from './planItem';
import { cwResult, cwValues, type ApplyResult } from './result';

const properties: INodeProperties[] = [
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description: 'Whether to check every plan item against the PSA and report what would change, without writing',
	},
	concurrencyOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['plan'], operation: ['apply'] } }, properties);

/** One apply session per execution (the context is made once per run of the node): each agreement's lines are read once, the plan's agreements in groups. */
const sessions = new WeakMap<OperationContext, ApplySession>();

function sessionOf(ctx: OperationContext, items: INodeExecutionData[]): ApplySession {
	let session = sessions.get(ctx);
	if (!session) {
		session = new ApplySession(connectWiseLineStore(ctx), plannedAgreements(items));
		sessions.set(ctx, session);
	}
	return session;
}

/** A failure's audit facts with the marker under ConnectWise's name, as the result has it. */
function inConnectWiseWords(error: unknown): unknown {
	if (!(error instanceof IdentifiedError)) return error;
	const { before, after } = error.identity;
	const identity: IDataObject = { ...error.identity };
	if (before !== undefined) identity.before = cwValues(before as unknown as LineValues | null) as unknown as IDataObject;
	if (after !== undefined) identity.after = cwValues(after as unknown as LineValues | null) as unknown as IDataObject;
	return new IdentifiedError(error.original, identity);
}

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const dryRun = this.getNodeParameter('dryRun', i, false) as boolean;
	const parsed = parsePlanItem(this.getInputData()[i].json);
	let result: ApplyResult;
	if (parsed.kind === 'pass') {
		result = { ...parsed.item, before: null, after: null, prorate: null, applied: false, dryRun };
	} else {
		try {
			result = cwResult(await sessionOf(ctx, this.getInputData()).apply(parsed.item, dryRun));
		} catch (error) {
			throw inConnectWiseWords(error);
		}
	}
	return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(result as never), { itemData: { item: i } });
}
