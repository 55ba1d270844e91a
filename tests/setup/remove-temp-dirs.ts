import { afterAll } from 'vitest';
import { removeTempDirs } from '../helpers/temp-dir.js';

// Registered first, so it runs after the file's own afterAll hooks have stopped what writes there.
afterAll(() => removeTempDirs());
