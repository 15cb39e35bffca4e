/** Matches a service path against route templates; literal segments win over placeholders. */
import type { Route, Service } from './types';

export interface Match {
	route: Route;
	params: Record<string, string>;
}

interface CompiledRoute {
	route: Route;
	segments: string[];
	literals: number;
}

export class Router {
	private readonly compiled: CompiledRoute[];

	constructor(routes: Route[]) {
		this.compiled = routes.map((route) => {
			const segments = route.template.split('/').filter(Boolean);
			return { route, segments, literals: segments.filter((segment) => !segment.startsWith('{')).length };
		});
	}

	match(service: Service, method: string, path: string): Match | undefined {
		const parts = path.split('/').filter(Boolean);
		let best: { compiled: CompiledRoute; params: Record<string, string> } | undefined;
		for (const compiled of this.compiled) {
			if (compiled.route.service !== service || compiled.route.method !== method) continue;
			if (compiled.segments.length !== parts.length) continue;
			const params: Record<string, string> = {};
			const fits = compiled.segments.every((segment, index) => {
				if (segment.startsWith('{')) {
					params[segment.slice(1, -1)] = decodeURIComponent(parts[index]);
					return true;
				}
				return segment.toLowerCase() === parts[index].toLowerCase();
			});
			if (fits && (!best || compiled.literals > best.compiled.literals)) best = { compiled, params };
		}
		return best && { route: best.compiled.route, params: best.params };
	}

	/** Whether any route exists for the path with another method (405 rather than 404). */
	knowsPath(service: Service, path: string): boolean {
		return ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].some((method) => this.match(service, method, path));
	}
}
