import { TextDecoder, TextEncoder } from 'node:util';

/** react-router reads TextEncoder when it loads, which jest's jsdom lacks: specs that render links import this first. */
Object.assign(globalThis, { TextEncoder, TextDecoder });
