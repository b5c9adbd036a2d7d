// Vue bindings (`kaiten-consent/vue`): the state of consent as a composable. It reads the widget
// `start` made and calls nothing but its API.
import { getCurrentScope, onScopeDispose, readonly, shallowRef } from 'vue';
import { onRunningConsent, runningConsent } from './index.js';

/**
 * The state of consent as a read-only ref: the frozen snapshot, replaced on every change, or
 * `null` before the widget started and after `destroy()`. Listening stops with the component
 * (or effect scope) that called it.
 */
export function useConsent() {
  const state = shallowRef(null);
  let unsubscribe;
  const follow = () => {
    unsubscribe?.();
    const widget = runningConsent();
    state.value = widget?.state() ?? null;
    unsubscribe = widget?.onChange((next) => { state.value = next; });
  };
  follow();
  const stop = onRunningConsent(follow);
  if (getCurrentScope()) {
    onScopeDispose(() => {
      stop();
      unsubscribe?.();
    });
  }
  return readonly(state);
}
