/** A plan item read for ConnectWise: the PSA-neutral parser with ConnectWise's limits. */
import type { ParsedPlanItem } from '../../../shared/psa/contracts';
import { parsePlanItem as parseFor } from '../../../shared/psa/planItem';
import { CONNECTWISE_LIMITS } from '../../helpers/checks';

export type { ApplyItem, CancelTarget, ParsedPlanItem, PassThrough, ProrateTarget } from '../../../shared/psa/contracts';

export function parsePlanItem(json: Record<string, unknown>): ParsedPlanItem {
	return parseFor(json, CONNECTWISE_LIMITS);
}
