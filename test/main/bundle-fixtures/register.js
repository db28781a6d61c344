// Preloaded with `node --import` in the bundle smoke test: installs the hook that makes 'electron' the recording fake.
import { register } from 'node:module';

register('./electron-loader.js', import.meta.url);
