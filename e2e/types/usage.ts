// Type-checked by e2e/types.test.mjs with `tsc --noEmit --strict` against the generated
// pkg/web/index.d.ts (the package's entry, over the glue's kaiten_consent.d.ts): every member of
// the API and the events, as an app uses them. Never run. The `@ts-expect-error` lines prove the
// types refuse what the widget refuses.

import init, {
  KaitenConsent,
  KaitenConsentError,
  onRunningConsent,
  runningConsent,
  startConsent,
  type ConsentAction,
  type ConsentChangeEvent,
  type ConsentChoices,
  type ConsentLayer,
  type ConsentLayerEvent,
  type ConsentSnapshot,
  type ConsentSource,
  type KaitenConsentConfig,
  type ProcessorConfig,
  type Unsubscribe,
} from '../../pkg/web/index.js';

const processor: ProcessorConfig = {
  id: 'support-chat',
  basis: 'consent',
  name: 'Chat',
  purpose: { en: 'Support chat', ru: 'Чат поддержки' },
  dataShared: 'Messages',
  recipient: 'Chat Inc.',
  location: 'EU',
  privacyUrl: 'https://chat.example/privacy',
  cookies: [{ name: 'chat_*', lifetimeDays: 30 }],
  script: 'https://chat.example/widget.js',
  defaultOn: false,
  consentMode: ['functionality_storage'],
  offSwitch: { call: 'Chat.widget.close', args: ['withdrawn', { silent: true }, 1, null] },
  localStorage: ['chat.state*'],
};

const flagged: ProcessorConfig = {
  ...processor,
  id: 'analytics-eu',
  consentMode: ['analytics_storage', 'ad_storage'],
  offSwitch: { set: 'ga-disable-{id}', value: true },
};
void flagged;

// @ts-expect-error: a Consent Mode key outside the documented set
const unknownKey: ProcessorConfig = { ...processor, consentMode: ['foo_storage'] };
// @ts-expect-error: an off-switch argument is a JSON literal, not a function
const code: ProcessorConfig = { ...processor, offSwitch: { call: 'x', args: [() => 1] } };
void unknownKey;
void code;

const config: KaitenConsentConfig = {
  revision: 2,
  cookieName: 'kaiten_consent',
  lifetimeDays: 182,
  language: 'en',
  privacyUrl: '/privacy',
  proofUrl: '/consent-log',
  processors: [processor],
  scripts: { analytics: 'https://www.googletagmanager.com/gtag/js?id=G-1' },
  entryElement: '#privacy-settings',
  reloadOnWithdraw: false,
  texts: { en: { acceptAll: 'Accept', gpcRefused: 'Off: {processors}.' }, ru: { rejectAll: 'Нет' } },
};

// @ts-expect-error: a text key the widget does not have
const typo: KaitenConsentConfig = { texts: { en: { acceptAl: 'Accept' } } };
// @ts-expect-error: texts only in languages the widget speaks
const german: KaitenConsentConfig = { texts: { de: { acceptAll: 'Ja' } } };
void typo;
void german;

// @ts-expect-error: an unknown key is refused at compile time as at run time
const wrong: KaitenConsentConfig = { revison: 2 };
// @ts-expect-error: the language is one the widget speaks
const french: KaitenConsentConfig = { language: 'fr' };
void wrong;
void french;

async function main(): Promise<void> {
  await init();
  KaitenConsent.start(); // Kaiten's own config
  const consent: KaitenConsent = KaitenConsent.start(config);

  const snapshot: ConsentSnapshot = consent.state();
  const decided: boolean = snapshot.decided;
  const action: ConsentAction | null = snapshot.action;
  const source: ConsentSource | null = snapshot.source;
  const id: string | null = snapshot.consentId;
  const times: Array<string | null> = [snapshot.decidedAt, snapshot.expiresAt];
  const revision: number = snapshot.revision;
  const language: 'en' | 'ru' = snapshot.language;
  const gpc: boolean = snapshot.gpc;
  const choices: ConsentChoices = snapshot.choices;
  const chat: boolean | undefined = choices['support-chat'];
  void [decided, action, source, id, times, revision, language, gpc, chat];
  // @ts-expect-error: a snapshot is read-only
  snapshot.decided = true;

  const granted: boolean = consent.isGranted('analytics');
  const ready: Promise<void> = consent.whenGranted('intercom');
  await ready;
  void granted;

  const unsubscribe: Unsubscribe = consent.onChange((next) => {
    const nextAction: ConsentAction | null = next.action;
    void nextAction;
  });
  unsubscribe();
  // @ts-expect-error: a listener takes a snapshot, not a string
  consent.onChange((next: string) => next);

  document.addEventListener('kaiten-consent:change', (event) => {
    const typed: ConsentChangeEvent = event;
    const detail: ConsentSnapshot = event.detail;
    void [typed, detail.choices];
  });
  for (const type of ['kaiten-consent:show', 'kaiten-consent:hide'] as const) {
    document.addEventListener(type, (event) => {
      const typed: ConsentLayerEvent = event;
      const layer: ConsentLayer = event.detail.layer;
      // @ts-expect-error: the entry point is not a layer
      const entry: typeof layer = 'entry';
      void [typed, entry];
    });
  }
  const { acceptAll, state } = consent;
  acceptAll();
  void state();

  consent.showBanner();
  consent.showPreferences();
  consent.showNotice();
  consent.setLanguage('ru');
  // @ts-expect-error: a language the widget does not speak
  consent.setLanguage('fr');
  consent.acceptAll();
  consent.rejectAll();
  consent.set({ analytics: false, intercom: true });
  // @ts-expect-error: choices are booleans
  consent.set({ analytics: 'yes' });
  consent.withdraw('intercom');
  consent.reset();
  consent.destroy();

  try {
    KaitenConsent.start({ revision: 0 });
  } catch (caught) {
    if (caught instanceof KaitenConsentError) {
      const code: 'invalid_config' | 'cross_origin_frame' | 'no_document' | 'mount_failed' | 'invalid_id' | 'invalid_argument' | 'busy' | 'destroyed' | 'load_failed' = caught.code;
      const name: 'KaitenConsentError' = caught.name;
      void [code, name, caught.message, caught.cause];
    }
  }

  const started: KaitenConsent = await startConsent({ language: 'ru' });
  const stop: () => void = onRunningConsent(() => {
    const now: KaitenConsent | null = runningConsent();
    void now;
  });
  stop();
  const kaitens: Promise<KaitenConsent> = startConsent();
  void [started, kaitens];
}

void main();
