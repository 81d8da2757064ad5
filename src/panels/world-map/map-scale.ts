// The map's sequential colour scale: 5 equal steps from 0 to the busiest country.
// ColorBrewer "Blues" (single hue, so colour-blind safe). The colours are CSS variables set
// per theme in world-map.css; the fallbacks here are the dark theme's (light = more).

export const MAP_STEPS = 5;

const PALETTE = ['#08519c', '#3182bd', '#6baed6', '#bdd7e7', '#eff3ff'] as const;
const NEUTRAL = '#2f3648';

/** Fill for a step: 0 is a country without visitors. */
export function stepFill(step: number): string {
  if (step <= 0) return `var(--color-map-0, ${NEUTRAL})`;
  const index = Math.min(step, MAP_STEPS) - 1;
  return `var(--color-map-${index + 1}, ${PALETTE[index]})`;
}

/**
 * The step (1…5) of a value against the busiest country's, or 0 when it has none.
 * Step i holds the values in (max·(i−1)/5, max·i/5], so the busiest is always step 5.
 */
export function colorStep(value: number, max: number): number {
  if (!(value > 0) || !(max > 0)) return 0;
  return Math.min(MAP_STEPS, Math.max(1, Math.ceil((value * MAP_STEPS) / max)));
}

export type LegendStep = { step: number; from: number; to: number };

/**
 * The legend: whole-number ranges of each step that can hold a count. With a small maximum
 * some steps hold none (max 2: 1 is step 3, 2 is step 5) and are left out.
 */
export function legendSteps(max: number): LegendStep[] {
  if (!(max > 0)) return [];
  const top = Math.ceil(max);
  const steps: LegendStep[] = [];
  for (let step = 1; step <= MAP_STEPS; step++) {
    const from = Math.floor((top * (step - 1)) / MAP_STEPS) + 1;
    const to = Math.floor((top * step) / MAP_STEPS);
    if (from <= to) steps.push({ step, from, to });
  }
  return steps;
}
