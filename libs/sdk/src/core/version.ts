/** The SDK's version, sent as `context.library.version`; a spec keeps it equal to package.json's. */
export const VERSION = '0.1.0';

export const LIBRARY_NAME = '@bindery/sdk';
