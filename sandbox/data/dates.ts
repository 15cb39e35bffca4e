/** Day arithmetic on `YYYY-MM-DD` strings (UTC), for data generated around a given today. */
export function addDays(day: string, days: number): string {
	return new Date(Date.parse(day) + days * 86_400_000).toISOString().slice(0, 10);
}

/** ConnectWise and Partner Center write dates as `YYYY-MM-DDT00:00:00Z`. */
export function isoDay(day: string): string {
	return `${day}T00:00:00Z`;
}

export function utcToday(now: number): string {
	return new Date(now).toISOString().slice(0, 10);
}
