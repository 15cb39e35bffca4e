import type { OperationContext } from '../../helpers/context';
import { ItemError } from '../../../shared/parameters';
import type { CwAddition } from '../../shapes/types';

export async function readAddition(ctx: OperationContext, agreementId: number, additionId: number): Promise<CwAddition> {
	const found = await ctx.client.find<CwAddition>(`/finance/agreements/${agreementId}/additions/${additionId}`, `read addition ${additionId}`);
	if (!found) throw new ItemError(`Addition ${additionId} was not found on agreement ${agreementId}`);
	return found;
}
