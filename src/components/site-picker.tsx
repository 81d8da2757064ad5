import type { Website } from '../api/websites-schema';
import { siteLinks } from '../lib/embed-url';
import { isolate } from '../lib/isolate';

type Props = {
  websites: Website[];
  /** The app's address without a query, e.g. `https://pulse.example.com/`. */
  base: string;
  /** The current query; theme, language and the like carry over into the links. */
  search: string;
};

/** With no `?website=` and several sites: one row per site, with its three kinds of link. */
export function SitePicker({ websites, base, search }: Props) {
  return (
    <main data-testid="site-picker" className="mx-auto w-full max-w-3xl min-h-0 flex-1 overflow-auto">
      <h2 className="mb-[0.6em] text-[1em] font-semibold">Choose a website</h2>
      <ul className="flex flex-col gap-[0.5em]">
        {websites.map((site) => {
          const links = siteLinks(base, search, site.id);
          const name = site.name || site.domain || site.id;
          return (
            <li key={site.id} data-testid="site-picker-item" className="flex flex-wrap items-center justify-between gap-[0.6em] rounded-xl border border-border bg-panel px-[0.9em] py-[0.6em]">
              <div className="min-w-0">
                <a href={links.dashboard} className="block truncate font-semibold text-fg underline-offset-2 hover:underline">
                  <bdi>{name}</bdi>
                </a>
                {site.domain && site.domain !== name && (
                  <span className="block truncate text-[0.85em] text-muted">
                    <bdi>{site.domain}</bdi>
                  </span>
                )}
              </div>
              <nav aria-label={`Open ${isolate(name)}`} className="flex gap-[0.4em] text-[0.85em]">
                <a href={links.dashboard} className="rounded-md border border-border px-[0.6em] py-[0.2em] text-accent hover:bg-border/40">
                  Dashboard
                </a>
                <a href={links.tv} className="rounded-md border border-border px-[0.6em] py-[0.2em] text-accent hover:bg-border/40">
                  TV
                </a>
                <a href={links.embed} className="rounded-md border border-border px-[0.6em] py-[0.2em] text-accent hover:bg-border/40">
                  Embed
                </a>
              </nav>
            </li>
          );
        })}
      </ul>
    </main>
  );
}
