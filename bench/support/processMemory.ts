/**
 * Peak resident memory of a process group (n8n and its task runners), sampled from /proc
 * without blocking the event loop: the benchmark's process also serves the sandbox.
 */
import { readdir, readFile } from 'node:fs/promises';

const PAGE_BYTES = 4096;

/** The process group leader whose environment holds `NAME=value` (n8n runs detached: its pid is the group id). */
export async function findGroupLeader(name: string, value: string): Promise<number | undefined> {
	const wanted = `${name}=${value}`;
	for (const pid of await numericEntries()) {
		const environ = await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '');
		if (!environ.split('\0').includes(wanted)) continue;
		const stat = await readStat(pid);
		if (stat && stat.pgrp === pid) return pid;
	}
	return undefined;
}

async function numericEntries(): Promise<number[]> {
	return (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry)).map(Number);
}

async function readStat(pid: number): Promise<{ pgrp: number; rssBytes: number } | undefined> {
	const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
	// Fields after the command name (which may hold spaces) start at field 3, "state".
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	if (fields.length < 22) return undefined;
	return { pgrp: Number(fields[2]), rssBytes: Number(fields[21]) * PAGE_BYTES };
}

export interface MemorySample {
	/** Whole group, MB. */
	totalMb: number;
	/** The group leader alone (n8n's main process), MB. */
	leaderMb: number;
	processes: number;
}

export async function sampleGroup(leader: number): Promise<MemorySample> {
	let total = 0;
	let leaderBytes = 0;
	let processes = 0;
	for (const pid of await numericEntries()) {
		const stat = await readStat(pid);
		if (!stat || stat.pgrp !== leader) continue;
		total += stat.rssBytes;
		processes++;
		if (pid === leader) leaderBytes = stat.rssBytes;
	}
	return { totalMb: Math.round(total / 2 ** 20), leaderMb: Math.round(leaderBytes / 2 ** 20), processes };
}

/** Samples every `intervalMs` until stopped; answers the peak of each figure. */
export function watchPeak(leader: number, intervalMs = 500): { stop(): Promise<MemorySample & { samples: number }> } {
	const peak: MemorySample = { totalMb: 0, leaderMb: 0, processes: 0 };
	let samples = 0;
	let running = true;
	const loop = (async () => {
		while (running) {
			const sample = await sampleGroup(leader);
			samples++;
			peak.totalMb = Math.max(peak.totalMb, sample.totalMb);
			peak.leaderMb = Math.max(peak.leaderMb, sample.leaderMb);
			peak.processes = Math.max(peak.processes, sample.processes);
			await new Promise((resolve) => setTimeout(resolve, intervalMs));
		}
	})();
	return {
		async stop() {
			running = false;
			await loop;
			return { ...peak, samples };
		},
	};
}
