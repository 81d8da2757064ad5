import { useEffect, useId, useRef, useState } from 'react';
import type { Website } from '../api/websites-schema';
import { iframeSnippet, SEVERAL_MODES, viewUrl, type Several, type ShareView } from '../lib/embed-url';
import { COMPARES, MIN_ROTATE_S, PANEL_IDS, THEMES, type Compare, type PanelId, type Theme } from '../options';
import { CopyField } from './copy-field';
import { ShareWallFields } from './share-wall-fields';

export const PANEL_LABELS: Record<PanelId, string> = {
  totals: 'Totals',
  today: 'Today so far',
  chart: 'Views per minute',
  map: 'World map',
  pages: 'Top pages',
  referrers: 'Top referrers',
  countries: 'Top countries',
  events: 'Live events',
};

const THEME_LABELS: Record<Theme, string> = { dark: 'Dark', light: 'Light', auto: 'Follow the system' };

const SEVERAL_LABELS: Record<Several, string> = {
  rotate: 'One after another',
  overview: 'Side by side (overview tiles)',
  combine: 'Added up on one dashboard',
};

const COMPARE_LABELS: Record<Compare, string> = { yesterday: 'Yesterday', week: 'The same day last week', off: 'Nothing' };

type Props = {
  onClose: () => void;
  /** Every site the server lists; empty when it cannot list them (then the current one is used). */
  websites: Website[];
  initial: ShareView;
  /** The app's address without a query. */
  base: string;
  embedScriptSrc: string;
};

type PanelChoice = { id: PanelId; on: boolean };

/** Chosen panels first, in their order, then the others. */
function initialPanels(chosen: PanelId[]): PanelChoice[] {
  return [...chosen.map((id) => ({ id, on: true })), ...PANEL_IDS.filter((id) => !chosen.includes(id)).map((id) => ({ id, on: false }))];
}

/**
 * "Share this view": pick sites, panels, theme, rotation, alerts and filter, and copy the wall (kiosk) URL or
 * the iframe snippet. A modal <dialog>: Escape and the Close button close it.
 */
export function SharePanel({ onClose, websites, initial, base, embedScriptSrc }: Props) {
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [sites, setSites] = useState<string[]>(initial.sites);
  const [panels, setPanels] = useState<PanelChoice[]>(() => initialPanels(initial.panels));
  const [theme, setTheme] = useState<Theme>(initial.theme);
  const [several, setSeveral] = useState<Several>(initial.several);
  const [rotateS, setRotateS] = useState(String(initial.rotateS));
  const [compare, setCompare] = useState<Compare>(initial.compare);
  const [transparent, setTransparent] = useState(initial.transparent);
  const [wall, setWall] = useState(initial.wall);

  useEffect(() => {
    const element = dialog.current;
    if (!element || element.open) return; // StrictMode runs this twice
    // jsdom has no showModal; a browser without it still shows the dialog, just not modal.
    // No cleanup: unmounting removes the dialog, and close() would fire onClose late.
    if (typeof element.showModal === 'function') element.showModal();
    else element.setAttribute('open', '');
  }, []);

  const rotation = Number(rotateS);
  const view: ShareView = {
    sites,
    several,
    panels: panels.filter((p) => p.on).map((p) => p.id),
    theme,
    rotateS: Number.isFinite(rotation) && rotation >= MIN_ROTATE_S ? rotation : initial.rotateS,
    transparent,
    compare,
    carried: initial.carried,
    wall,
  };
  const names = sites.map((id) => {
    const site = websites.find((w) => w.id === id);
    return site ? site.name || site.domain : id;
  });
  const tvUrl = viewUrl(base, view, 'tv');
  const snippet = iframeSnippet({
    src: viewUrl(base, view, 'embed'),
    scriptSrc: embedScriptSrc,
    title: `Pulseboard: ${names.join(', ')}`,
  });

  const toggleSite = (id: string, on: boolean) => setSites((current) => (on ? [...current, id] : current.filter((s) => s !== id)));
  const togglePanel = (id: PanelId, on: boolean) => setPanels((current) => current.map((p) => (p.id === id ? { ...p, on } : p)));
  const moveUp = (index: number) =>
    setPanels((current) => {
      if (index <= 0) return current;
      const next = [...current];
      [next[index - 1], next[index]] = [next[index]!, next[index - 1]!];
      return next;
    });

  const fieldset = 'flex flex-col gap-[0.3em] rounded-lg border border-border p-[0.6em]';
  const legend = 'px-[0.3em] text-[0.85em] font-semibold text-muted';

  return (
    <dialog
      ref={dialog}
      data-testid="share-panel"
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-[min(44em,calc(100vw-2em))] max-h-[calc(100vh-2em)] overflow-auto rounded-xl border border-border bg-panel p-[1em] text-[max(14px,0.85em)] text-fg backdrop:bg-black/60"
    >
      <div className="mb-[0.8em] flex items-center justify-between gap-[1em]">
        <h2 id={titleId} className="text-[1.1em] font-semibold">
          Share this view
        </h2>
        <button type="button" onClick={onClose} className="rounded-md border border-border px-[0.6em] py-[0.1em] text-muted hover:text-fg">
          Close
        </button>
      </div>

      <div className="grid gap-[0.8em] sm:grid-cols-2">
        <fieldset className={fieldset}>
          <legend className={legend}>Websites</legend>
          {websites.length > 0 ? (
            websites.map((site) => (
              <label key={site.id} className="flex items-center gap-[0.5em]">
                <input type="checkbox" checked={sites.includes(site.id)} onChange={(e) => toggleSite(site.id, e.target.checked)} />
                <span className="truncate">{site.name || site.domain || site.id}</span>
              </label>
            ))
          ) : (
            <p className="text-muted">{names.join(', ') || 'The current website'}</p>
          )}
          {sites.length > 1 && (
            <fieldset className="mt-[0.3em] flex flex-col gap-[0.2em]">
              <legend className="text-muted">Show them</legend>
              {SEVERAL_MODES.map((mode) => (
                <label key={mode} className="flex items-center gap-[0.5em]">
                  <input type="radio" name="several" value={mode} checked={several === mode} onChange={() => setSeveral(mode)} />
                  {SEVERAL_LABELS[mode]}
                </label>
              ))}
            </fieldset>
          )}
          {sites.length > 1 && several === 'rotate' && (
            <label className="mt-[0.3em] flex items-center gap-[0.5em]">
              Show each site for
              <input
                type="number"
                min={MIN_ROTATE_S}
                step={1}
                value={rotateS}
                onChange={(e) => setRotateS(e.target.value)}
                className="w-[5em] rounded-md border border-border bg-bg px-[0.4em] text-fg"
              />
              seconds
            </label>
          )}
          {sites.length === 0 && <p className="text-warn">Pick at least one website.</p>}
        </fieldset>

        <fieldset className={fieldset}>
          <legend className={legend}>Panels, in order</legend>
          <ol className="flex flex-col gap-[0.2em]">
            {panels.map((panel, index) => (
              <li key={panel.id} className="flex items-center justify-between gap-[0.5em]">
                <label className="flex items-center gap-[0.5em]">
                  <input type="checkbox" checked={panel.on} onChange={(e) => togglePanel(panel.id, e.target.checked)} />
                  {PANEL_LABELS[panel.id]}
                </label>
                {index > 0 && (
                  <button type="button" onClick={() => moveUp(index)} aria-label={`Move ${PANEL_LABELS[panel.id]} up`} className="rounded px-[0.4em] text-muted hover:text-fg">
                    ↑
                  </button>
                )}
              </li>
            ))}
          </ol>
        </fieldset>

        <fieldset className={fieldset}>
          <legend className={legend}>Look</legend>
          <label className="flex items-center gap-[0.5em]">
            Theme
            <select value={theme} onChange={(e) => setTheme(e.target.value as Theme)} className="rounded-md border border-border bg-bg px-[0.4em] text-fg">
              {THEMES.map((t) => (
                <option key={t} value={t}>
                  {THEME_LABELS[t]}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-[0.5em]">
            <input type="checkbox" checked={transparent} onChange={(e) => setTransparent(e.target.checked)} />
            Transparent background (iframe)
          </label>
        </fieldset>

        <fieldset className={fieldset}>
          <legend className={legend}>Today so far</legend>
          <label className="flex items-center gap-[0.5em]">
            Compare with
            <select value={compare} onChange={(e) => setCompare(e.target.value as Compare)} className="rounded-md border border-border bg-bg px-[0.4em] text-fg">
              {COMPARES.map((c) => (
                <option key={c} value={c}>
                  {COMPARE_LABELS[c]}
                </option>
              ))}
            </select>
          </label>
        </fieldset>

        <ShareWallFields initial={initial.wall} onChange={setWall} fieldset={fieldset} legend={legend} />
      </div>

      <div className="mt-[0.9em] flex flex-col gap-[0.8em]">
        <CopyField label="TV (kiosk) URL" value={tvUrl} testId="share-tv-url" />
        <CopyField label="Embed snippet (iframe + resize script)" value={snippet} testId="share-iframe-snippet" multiline />
      </div>
    </dialog>
  );
}
