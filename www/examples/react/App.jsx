// What an app does with consent: shows the decision, offers its support chat only while
// Intercom is granted, and mounts a panel later that must see the decision at once.
import { useEffect, useState } from 'react';
import { useConsent, WhenGranted } from 'kaiten-consent/react';

/** How many times each component committed, for the end-to-end test (e2e/frameworks.test.mjs). */
const commits = (window.__commits = { status: 0, panel: 0 });

function Status() {
  const state = useConsent();
  useEffect(() => {
    commits.status += 1;
  });
  if (state === null) return <p data-app="status">Starting…</p>;
  if (!state.decided) return <p data-app="status">Asking</p>;
  const granted = Object.keys(state.choices).filter((id) => state.choices[id]);
  return <p data-app="status">Granted: {granted.length ? granted.join(', ') : 'nothing'}</p>;
}

function LatePanel() {
  const state = useConsent();
  useEffect(() => {
    commits.panel += 1;
  });
  // What the panel saw when it first appeared (StrictMode runs a mount effect twice).
  useEffect(() => {
    window.__panelFirstSaw ??= state?.action ?? 'nothing';
  }, []);
  return <p data-app="panel">{state?.decided ? `Decided by ${state.action}` : 'Undecided'}</p>;
}

export function App() {
  const [panel, setPanel] = useState(false);
  return (
    <main>
      <h1>kaiten-consent with React</h1>
      <Status />
      <WhenGranted processor="intercom" fallback={<p data-app="chat">Support chat is off.</p>}>
        <button type="button" data-app="chat">Open support chat</button>
      </WhenGranted>
      <button type="button" data-app="show-panel" onClick={() => setPanel(true)}>Show the panel</button>
      {panel && <LatePanel />}
      <button type="button" data-app="settings" onClick={() => window.kaitenConsent.showPreferences()}>
        Privacy settings
      </button>
    </main>
  );
}
