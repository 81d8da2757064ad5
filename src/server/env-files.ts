import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import type { Env } from './config.ts';

// The files Vite's loadEnv reads in production mode, later ones winning; the real environment wins
// over all of them, so `PORT=8080 npm start` beats a PORT in .env.
const FILES = ['.env', '.env.local', '.env.production', '.env.production.local'];

export function readEnv(root: string, processEnv: Env): Env {
  const fromFiles: Env = {};
  for (const name of FILES) {
    const path = join(root, name);
    if (existsSync(path)) Object.assign(fromFiles, parseEnv(readFileSync(path, 'utf8')));
  }
  return { ...fromFiles, ...processEnv };
}
