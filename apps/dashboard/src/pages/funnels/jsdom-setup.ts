// jsdom lacks TextEncoder, which react-router needs when it loads: component specs that render links
// import this (through ./testing) before anything that imports react-router.
import { TextDecoder, TextEncoder } from 'node:util';

Object.assign(globalThis, { TextEncoder, TextDecoder });
