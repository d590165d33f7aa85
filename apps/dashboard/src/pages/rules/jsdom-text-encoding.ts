import { TextDecoder, TextEncoder } from 'node:util';

/**
 * react-router reads TextEncoder when it loads, and jest's jsdom environment has none: a component spec
 * that renders links imports this first.
 */
Object.assign(globalThis, { TextEncoder, TextDecoder });
