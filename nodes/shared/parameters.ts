/** Reading parameters that may come from the UI or from an expression in a template. */
import { NodeOperationError, type IExecuteFunctions, type INode } from 'n8n-workflow';

import { ItemError } from './itemError';

/** A problem with one item's input (shared by every PSA node): becomes a NodeOperationError for that item. */
export { ItemError };

export function toItemError(node: INode, error: Error & { description?: string }, itemIndex: number): NodeOperationError {
	return new NodeOperationError(node, error.message, { itemIndex, description: error.description });
}

export function positiveInteger(value: unknown, what: string): number {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!/^\d+$/.test(text) || Number(text) <= 0) {
		throw new ItemError(`${what} must be a positive whole number, got ${JSON.stringify(value ?? null)}`);
	}
	return Number(text);
}

/** The id from a resource locator parameter (either mode), or undefined when empty and optional. */
export function locatorId(this: IExecuteFunctions, name: string, i: number, what: string, required = true): number | undefined {
	const value = this.getNodeParameter(name, i, undefined, { extractValue: true }) as unknown;
	if (!required && (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))) return undefined;
	return positiveInteger(value, what);
}

/** A list parameter that may arrive as an array (expression) or comma-separated text. */
export function stringList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : typeof value === 'string' || typeof value === 'number' ? String(value).split(',') : [];
	return parts.map((p) => String(p).trim()).filter((p) => p !== '');
}

/** The Return All / Limit pair of the Get Many operations: undefined means every record. */
export function readLimit(this: IExecuteFunctions, i: number): number | undefined {
	return this.getNodeParameter('returnAll', i, false) ? undefined : (this.getNodeParameter('limit', i, 50) as number);
}
