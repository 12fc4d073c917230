/** Shared printing for benches: one aligned line per figure, with its target. */
export function figure(label: string, value: number, unit: string, target?: { min?: number; max?: number }): void {
  let verdict = ''
  if (target?.min !== undefined) verdict = value >= target.min ? `  ✔ target ≥ ${fmt(target.min)}` : `  ✘ target ≥ ${fmt(target.min)}`
  if (target?.max !== undefined) verdict = value <= target.max ? `  ✔ target ≤ ${fmt(target.max)}` : `  ✘ target ≤ ${fmt(target.max)}`
  console.log(`  ${label.padEnd(58)} ${fmt(value).padStart(12)} ${unit}${verdict}`)
}

export function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(2)
}

export function heading(text: string): void {
  console.log(`\n${text}`)
}

/** Seconds since `start` (from performance.now()). */
export function since(start: number): number {
  return (performance.now() - start) / 1000
}
