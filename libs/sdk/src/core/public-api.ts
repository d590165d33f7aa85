// What both flavours export besides `createClient` and `init`, which bind the flavour's platform.
export {
  alias,
  closeAndFlush,
  feature,
  flush,
  group,
  identify,
  optIn,
  optOut,
  page,
  reset,
  track,
} from './default-client';
export { BinderyClient, FEATURE_EVENT } from './client';
export type { BinderyOptions, CallOptions, Identity, Json, Logger } from './types';
export { VERSION } from './version';
