// @ts-check
// `npm start`: builds once (when dist/ is missing or older than the sources), then runs the
// production server on plain Node.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CLIENT_INDEX, SERVER_ENTRY, buildIsCurrent, runBuild } from './build-state.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

if (!buildIsCurrent(root, [CLIENT_INDEX, SERVER_ENTRY])) {
  console.log('[pulseboard] building the app into dist/ (once; again only when the sources change) …');
  try {
    runBuild(root);
  } catch (error) {
    console.error(`[pulseboard] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

await import(pathToFileURL(`${root}/${SERVER_ENTRY}`).href);
