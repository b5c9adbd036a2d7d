// React bindings (`kaiten-consent/react`): the state of consent as a hook, and a component that
// shows its children only while a processor is granted. They read the widget `start` made and
// call nothing but its API.
import { useSyncExternalStore } from 'react';
import { onRunningConsent, runningConsent } from './index.js';

/** Follows the running widget's changes, and which widget is running. */
function subscribe(onStoreChange) {
  let unsubscribe = runningConsent()?.onChange(onStoreChange);
  const stop = onRunningConsent(() => {
    unsubscribe?.();
    unsubscribe = runningConsent()?.onChange(onStoreChange);
    onStoreChange();
  });
  return () => {
    stop();
    unsubscribe?.();
  };
}

/** The snapshot: `state()` returns the same frozen object until the state changes. */
function snapshot() {
  return runningConsent()?.state() ?? null;
}

/** The state of consent (`ConsentSnapshot`), or `null` before the widget started. */
export function useConsent() {
  return useSyncExternalStore(subscribe, snapshot, () => null);
}

/** Renders `children` while `processor` is granted, else `fallback`. */
export function WhenGranted({ processor, children = null, fallback = null }) {
  const state = useConsent();
  return state?.choices[processor] === true ? children : fallback;
}
