// The package's entry: the wasm-bindgen glue's exports, plus `startConsent` and the
// `KaitenConsentError` class (see index.js).
import type { KaitenConsent, KaitenConsentConfig, KaitenConsentErrorCode } from './kaiten_consent.js';

export * from './kaiten_consent.js';
export { default } from './kaiten_consent.js';

/**
 * What the widget throws or rejects with: an `Error` named `KaitenConsentError` whose `code` says
 * what happened, with the browser's own error as `cause` where there is one (`load_failed`,
 * `mount_failed`).
 */
export declare class KaitenConsentError extends Error {
  constructor(code: KaitenConsentErrorCode, message: string, options?: ErrorOptions);
  readonly name: 'KaitenConsentError';
  readonly code: KaitenConsentErrorCode;
}

/**
 * Loads the widget's wasm from this package's own URL and starts the widget with `config` (left
 * out or `null`: Kaiten's own); resolves with the running widget. Rejects with a
 * `KaitenConsentError`: `load_failed` when the wasm cannot be fetched, compiled or instantiated,
 * else what `KaitenConsent.start` throws (`invalid_config`, …). Nothing consent-based loads then.
 */
export declare function startConsent(config?: KaitenConsentConfig | null): Promise<KaitenConsent>;

/**
 * The widget `KaitenConsent.start` (or `startConsent`) made last, or `null` before it and after
 * its `destroy()`: what the framework bindings follow.
 */
export declare function runningConsent(): KaitenConsent | null;

/** Calls `listener` whenever the running widget changes; returns what stops it. */
export declare function onRunningConsent(listener: () => void): () => void;
