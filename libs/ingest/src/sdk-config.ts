/**
 * What the stock SDKs fetch before they send events, answered as "no destinations, no feature flags, no session
 * recording, no surveys: send the events to Bindery". Each SDK reads more fields than these; a missing field is
 * read as off.
 */

/** Segment's CDN settings (`GET /v1/projects/<writeKey>/settings`), for @segment/analytics-next. */
export function segmentSettings(writeKey: string, origin: URL): Record<string, unknown> {
  return {
    integrations: {
      'Segment.io': {
        apiKey: writeKey,
        // analytics-next posts to `${protocol}://${apiHost}/t|i|g|p|a` (or `/b` when batching).
        apiHost: `${origin.host}/v1`,
        protocol: origin.protocol.replace(':', ''),
        unbundledIntegrations: [],
        addBundledMetadata: true,
        maybeBundledConfigIds: {},
      },
    },
    plan: { track: { __default: { enabled: true, integrations: {} } }, identify: {}, group: {} },
    edgeFunction: {},
    analyticsNextEnabled: true,
    middlewareSettings: {},
    enabledMiddleware: {},
    // No client-side metrics: a sample rate of 0 sends none.
    metrics: { sampleRate: 0 },
    legacyVideoPluginsEnabled: false,
    remotePlugins: [],
  };
}

/** PostHog's remote config (`/array/<token>/config`, and as a script at `/array/<token>/config.js`). */
export function postHogConfig(): Record<string, unknown> {
  return {
    // gzip-js keeps posthog-js compressing its batches, which also spares it a CORS preflight per batch.
    supportedCompression: ['gzip', 'gzip-js'],
    hasFeatureFlags: false,
    captureDeadClicks: false,
    capturePerformance: false,
    autocapture_opt_out: false,
    autocaptureExceptions: false,
    errorTracking: { autocaptureExceptions: false, suppressionRules: [] },
    logs: { captureConsoleLogs: false },
    elementsChainAsString: true,
    sessionRecording: false,
    heatmaps: false,
    // No `surveys` key at all: posthog-js 1.449 downloads its surveys bundle for `surveys: false` too.
    productTours: false,
    conversations: false,
    defaultIdentifiedOnly: true,
    siteApps: [],
  };
}

/** The script form of {@link postHogConfig}: it leaves the config where posthog-js looks for it. */
export function postHogConfigScript(token: string): string {
  const key = JSON.stringify(token);
  const value = JSON.stringify({ config: postHogConfig(), siteApps: [] });
  return (
    `(function(){var w=window;w._POSTHOG_REMOTE_CONFIG=w._POSTHOG_REMOTE_CONFIG||{};` +
    `w._POSTHOG_REMOTE_CONFIG[${key}]=${value};})();\n`
  );
}

/** PostHog's flags answer (`/flags/?v=2`): no flags. */
export function postHogFlags(): Record<string, unknown> {
  return {
    flags: {},
    featureFlags: {},
    featureFlagPayloads: {},
    errorsWhileComputingFlags: false,
    quotaLimited: [],
  };
}

/** The `/decide/` answer of older posthog-js versions: the remote config and the flags in one. */
export function postHogDecide(): Record<string, unknown> {
  return { ...postHogConfig(), ...postHogFlags() };
}

/** RudderStack's source config (`GET /sourceConfig`), for @rudderstack/analytics-js: a source with no destinations. */
export function rudderStackSourceConfig(writeKey: string): Record<string, unknown> {
  return {
    isHosted: false,
    source: {
      id: 'bindery',
      name: 'Bindery',
      writeKey,
      enabled: true,
      workspaceId: 'bindery',
      config: { statsCollection: { errors: { enabled: false }, metrics: { enabled: false } } },
      destinations: [],
    },
  };
}
