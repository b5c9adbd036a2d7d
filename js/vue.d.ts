// Vue bindings for kaiten-consent (vue.js).
import type { Ref } from 'vue';
import type { ConsentSnapshot } from './index.js';

/**
 * The state of consent as a read-only ref, replaced on every change; `null` before the widget
 * started (`startConsent` or `KaitenConsent.start`) and after `destroy()`.
 */
export declare function useConsent(): Readonly<Ref<ConsentSnapshot | null>>;
