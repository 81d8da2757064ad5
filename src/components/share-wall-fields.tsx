import { useState } from 'react';
import { FILTER_LABELS, OPERATOR_LABELS, formatFilterSyntax } from '../lib/filter-syntax';
import { MAX_SILENCE_MINUTES, MAX_SPIKE_FACTOR, parseWallOptions, type WallOptions } from '../options';
import { FILTER_NAMES, FILTER_OPERATORS, MAX_FILTERS, type Filter, type FilterName, type FilterOperator } from '../shared/filters';

// The Share panel's part for issue 21: alerts, chime, silence alarm, spike notice and filters.
// The form is read through parseWallOptions, the very parser the shared link meets, so the
// link holds exactly what the form shows and the warnings say what it leaves out.

type Form = { alerts: string; sound: boolean; silence: string; spike: string; filters: Filter[] };

function formOf(wall: WallOptions): Form {
  return {
    alerts: wall.alerts.join(', '),
    sound: wall.sound,
    silence: wall.silenceMinutes === null ? '' : String(wall.silenceMinutes),
    spike: wall.spikeFactor === null ? '' : String(wall.spikeFactor),
    filters: wall.filters,
  };
}

/** The form as options, and what parsing it warned about. */
export function readForm(form: Form): { wall: WallOptions; warnings: string[] } {
  const params = new URLSearchParams();
  if (form.alerts.trim() !== '') params.set('alert', form.alerts);
  if (form.sound) params.set('sound', '');
  if (form.silence.trim() !== '') params.set('silence', form.silence);
  if (form.spike.trim() !== '') params.set('spike', form.spike);
  const filters = form.filters.filter((filter) => filter.value.trim() !== '');
  if (filters.length > 0) params.set('filter', formatFilterSyntax(filters));
  const warnings: string[] = [];
  return { wall: parseWallOptions(params, (message) => warnings.push(message)), warnings };
}

type Props = { initial: WallOptions; onChange: (wall: WallOptions) => void; fieldset: string; legend: string };

export function ShareWallFields({ initial, onChange, fieldset, legend }: Props) {
  const [form, setForm] = useState<Form>(() => formOf(initial));
  const { warnings } = readForm(form);
  const update = (patch: Partial<Form>) => {
    const next = { ...form, ...patch };
    setForm(next);
    onChange(readForm(next).wall);
  };
  const setFilter = (index: number, patch: Partial<Filter>) => update({ filters: form.filters.map((f, i) => (i === index ? { ...f, ...patch } : f)) });
  const input = 'rounded-md border border-border bg-bg px-[0.4em] text-fg';

  return (
    <>
      <fieldset className={fieldset}>
        <legend className={legend}>Alerts on the wall</legend>
        <label className="flex flex-col gap-[0.2em]">
          Toast when these custom events arrive
          <input type="text" value={form.alerts} placeholder="purchase, signup-click" onChange={(e) => update({ alerts: e.target.value })} className={input} />
        </label>
        <label className="flex items-center gap-[0.5em]">
          <input type="checkbox" checked={form.sound} onChange={(e) => update({ sound: e.target.checked })} />
          Chime with each toast
        </label>
        <label className="flex flex-wrap items-center gap-x-[0.5em]">
          Silence alarm after
          <input type="number" min={1} max={MAX_SILENCE_MINUTES} step={1} value={form.silence} placeholder="off" onChange={(e) => update({ silence: e.target.value })} className={`w-[4.5em] ${input}`} />
          minutes without a page view
        </label>
        <label className="flex flex-wrap items-center gap-x-[0.5em]">
          Spike notice at
          <input type="number" min={1.5} max={MAX_SPIKE_FACTOR} step={0.5} value={form.spike} placeholder="off" onChange={(e) => update({ spike: e.target.value })} className={`w-[4.5em] ${input}`} />
          × the 30-minute average
        </label>
      </fieldset>

      <fieldset className={`${fieldset} sm:col-span-2`}>
        <legend className={legend}>Only this traffic (filter)</legend>
        {form.filters.length === 0 && <p className="text-muted">The whole website.</p>}
        {form.filters.map((filter, index) => (
          <div key={index} className="flex items-center gap-[0.3em]">
            <select aria-label={`Filter ${index + 1}: field`} value={filter.name} onChange={(e) => setFilter(index, { name: e.target.value as FilterName })} className={input}>
              {FILTER_NAMES.map((name) => (
                <option key={name} value={name}>
                  {FILTER_LABELS[name]}
                </option>
              ))}
            </select>
            <select aria-label={`Filter ${index + 1}: operator`} value={filter.operator} onChange={(e) => setFilter(index, { operator: e.target.value as FilterOperator })} className={input}>
              {FILTER_OPERATORS.map((operator) => (
                <option key={operator} value={operator}>
                  {OPERATOR_LABELS[operator]}
                </option>
              ))}
            </select>
            <input type="text" aria-label={`Filter ${index + 1}: value`} value={filter.value} onChange={(e) => setFilter(index, { value: e.target.value })} className={`min-w-0 flex-1 ${input}`} />
            <button type="button" aria-label={`Remove filter ${index + 1}`} onClick={() => update({ filters: form.filters.filter((_, i) => i !== index) })} className="rounded px-[0.4em] text-muted hover:text-fg">
              ×
            </button>
          </div>
        ))}
        {form.filters.length < MAX_FILTERS && (
          <button type="button" onClick={() => update({ filters: [...form.filters, { name: 'path', operator: 'eq', value: '' }] })} className="self-start rounded-md border border-border px-[0.6em] text-muted hover:text-fg">
            Add a filter
          </button>
        )}
      </fieldset>

      {warnings.length > 0 && (
        <ul className="text-warn sm:col-span-2" data-testid="share-wall-warnings">
          {warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
    </>
  );
}
