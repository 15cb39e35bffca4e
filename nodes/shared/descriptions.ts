/** Editor parameters both API nodes build the same way. */
import type { INodeProperties } from 'n8n-workflow';

/** The "Options" collection of an operation, holding the given optional parameters. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}
