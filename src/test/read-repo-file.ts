import { vi } from 'vitest';

// Browser-side tests sometimes need a file as text (the CSS palette, public/embed.js as
// shipped). The browser tsconfig has no Node types, so Node's modules are loaded through
// Vitest with just the signatures used here. Vitest runs from the repo root.
type Fs = { readFile(path: string, encoding: 'utf8'): Promise<string> };
type Process = { cwd(): string };

export async function readRepoFile(path: string): Promise<string> {
  const { readFile } = await vi.importActual<Fs>('node:fs/promises');
  const { cwd } = await vi.importActual<Process>('node:process');
  return readFile(`${cwd()}/${path}`, 'utf8');
}
