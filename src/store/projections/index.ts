import type { Projection } from '../types.js';
import { accountsProjection } from './accounts.js';
import { registryProjection } from './registry.js';

/** Every read model kept by the append transaction (and rebuilt by `habeas rebuild`). */
export const allProjections: Projection[] = [accountsProjection, registryProjection];
