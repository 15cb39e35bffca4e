/** Seeded pseudo-random numbers (mulberry32): the same seed always yields the same data. */
export interface Random {
	next(): number;
	int(min: number, max: number): number;
	pick<T>(items: readonly T[]): T;
	chance(probability: number): boolean;
	guid(): string;
	shuffle<T>(items: T[]): T[];
}

export function createRandom(seed: number): Random {
	let state = seed >>> 0 || 0x9e3779b9;
	const next = (): number => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
	const word = (): string => Math.floor(next() * 4294967296).toString(16).padStart(8, '0');
	return {
		next,
		int,
		pick: (items) => items[Math.floor(next() * items.length)],
		chance: (probability) => next() < probability,
		guid: () => {
			const [a, b, c, d] = [word(), word(), word(), word()];
			return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${'89ab'[c.charCodeAt(0) & 3]}${c.slice(1, 4)}-${c.slice(4)}${d}`;
		},
		shuffle: (items) => {
			for (let i = items.length - 1; i > 0; i--) {
				const j = Math.floor(next() * (i + 1));
				[items[i], items[j]] = [items[j], items[i]];
			}
			return items;
		},
	};
}
