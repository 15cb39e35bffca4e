/** Autotask's error body: `{ "errors": ["message", ...] }` (apigrate/autotask-restapi#19, Autotask's REST docs). */
import { json, type Reply } from '../server/types';

export function autotaskError(status: number, ...messages: string[]): Reply {
	return json(status, { errors: messages });
}
