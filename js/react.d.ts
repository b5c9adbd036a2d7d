// React bindings for kaiten-consent (react.js).
import type { ReactNode } from 'react';
import type { ConsentSnapshot } from './index.js';

/**
 * The state of consent, re-rendering on every change (built on `useSyncExternalStore`); `null`
 * before the widget started (`startConsent` or `KaitenConsent.start`) and after `destroy()`.
 */
export declare function useConsent(): ConsentSnapshot | null;

export interface WhenGrantedProps {
  /** A consent-based processor's id, e.g. `"intercom"`. */
  readonly processor: string;
  /** Shown while the processor is granted. */
  readonly children?: ReactNode;
  /** Shown otherwise (nothing by default). */
  readonly fallback?: ReactNode;
}

/** Renders `children` while `processor` is granted, else `fallback`. */
export declare function WhenGranted(props: WhenGrantedProps): ReactNode;
