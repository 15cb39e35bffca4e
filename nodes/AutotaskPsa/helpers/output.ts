/** Output items of one input item, paired to it. */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

export function paired(context: IExecuteFunctions, out: object | object[], i: number): INodeExecutionData[] {
	return context.helpers.constructExecutionMetaData(context.helpers.returnJsonArray(out as never), { itemData: { item: i } });
}
