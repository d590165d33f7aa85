// Runs before every spec (jest.config.js `setupFiles`); acts only in the jsdom environment of the dashboard's
// component specs. jsdom lacks TextEncoder/TextDecoder, which react-router reads when it loads, and
// Element#scrollIntoView, which the combobox calls to keep the active suggestion in view.
if (typeof window !== 'undefined' && typeof Element !== 'undefined') {
  const { TextDecoder, TextEncoder } = require('node:util');
  if (typeof globalThis.TextEncoder === 'undefined') Object.assign(globalThis, { TextEncoder, TextDecoder });
  if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined;
}
