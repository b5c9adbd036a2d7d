//! The consent state machine: actions in, effects out, as plain data. No clock, randomness,
//! storage or DOM: time, fresh ids, the stored text and the Global Privacy Control signal come in
//! as arguments.
//!
//! Rules it keeps:
//! - nothing consent-based loads without a decision in force that grants it;
//! - a stored decision counts only if it decodes, is of the config's revision, has not expired,
//!   is not dated in the future (a clock years off must not keep it in force for years) and
//!   names exactly the config's consent-based processors; anything else is "no decision".
//!   A record lacking a processor (one added later, or a cookie cut short at a choice boundary,
//!   which still decodes) or naming one the config does not ask about is asked again, so a
//!   processor added later is never granted by an older record;
//! - a decision another tab stored is applied only if it counts here by the same rule: one of
//!   another revision (or processor list) is that tab's, never taken as this page's. This page's
//!   own decision ends as on a withdrawal and the banner asks, and nothing is stored over it;
//! - with Global Privacy Control and no decision in force, the core refuses every consent-based
//!   processor for the user (a [`DecisionAction::Gpc`] record) instead of asking; a later
//!   explicit choice is recorded as that choice and honoured;
//! - when a grant ends (refusal, withdrawal, expiry, new revision, a stale stored record), the
//!   processor is unloaded: off-switch and cookie cleanup.

use crate::config::Config;
use crate::language::Language;
use crate::processor::ProcessorId;
use crate::proof::Source;
use crate::record::{ConsentId, DecisionAction, Record};
use crate::time::{Timestamp, SECONDS_PER_DAY};

/// The longest the web layer waits between two checks of the decision's expiry, in seconds (one
/// hour). A browser timer may count only the time the machine is awake, so after a sleep it fires
/// late by as long as the machine slept; the step bounds how late an expiry that passed during a
/// sleep is noticed in a tab that stays in view (returning to the tab checks at once).
pub const EXPIRY_CHECK_STEP: u64 = 3_600;

/// How far after `now` a stored decision may be dated and still count, in seconds (one day).
/// A decision dated later was made while the clock ran ahead, or the clock runs behind now:
/// either way its expiry, counted on that clock, could keep it in force for years, so it is
/// asked again.
pub const CLOCK_SKEW: u64 = SECONDS_PER_DAY;

/// What happened, as the core understands it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// The page started; `stored` is the consent cookie's value, if there was one.
    Loaded {
        /// The stored text, undecoded.
        stored: Option<String>,
        /// Whether the browser sends the Global Privacy Control signal
        /// (`navigator.globalPrivacyControl === true`).
        gpc: bool,
    },
    /// Another tab of the same site made or changed the decision; `stored` is the value it
    /// stored. A decision that counts under this page's config is applied like a page start,
    /// keeping this page's Global Privacy Control signal; `None` or empty (the other tab deleted
    /// the decision) is no decision, as at a page start. Any other value (another revision, other
    /// processors, a format this build cannot read) stays the other tab's: this page stops what
    /// its own decision granted and asks, also under Global Privacy Control, and stores nothing.
    /// Refusing for the user there would overwrite the other tab's decision, and two such tabs
    /// would overwrite each other without end.
    Synced {
        /// The other tab's stored text, undecoded.
        stored: Option<String>,
    },
    /// The user pressed "Accept all".
    AcceptAll,
    /// The user pressed "Reject all".
    RejectAll,
    /// The user saved individual choices; processors left out are refused, and a processor
    /// listed more than once is granted only if every entry grants it.
    SaveChoices(Vec<(ProcessorId, bool)>),
    /// The user withdrew consent from one processor.
    Withdraw(ProcessorId),
    /// The privacy notice's revision is now `revision` (the host published a new policy while
    /// the page was open). A decision made under an older revision stops counting.
    RevisionChanged {
        /// The new revision; one not above the config's is ignored.
        revision: u32,
    },
    /// The decision's expiry may have passed while the page was open (Kaiten tabs stay open for
    /// days): the web layer sends it when [`Consent::expiry_check_in`] says a check is due.
    /// Checked against `now`, so an early one does nothing.
    Expired,
    /// The host forgets the decision (`reset()` of the JS API): the stored decision is deleted,
    /// what it granted is stopped as on a withdrawal, and the banner asks again (with Global
    /// Privacy Control, the core refuses for the user again instead). No consent record is made:
    /// nothing was decided.
    Reset,
}

/// What the web layer must do, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Store this record (cookie or fallback store).
    Persist(Record),
    /// Insert this processor's script (only ever once per page).
    LoadProcessor(ProcessorId),
    /// Call the processor's off-switch and delete its cookies. Also sent for a processor that
    /// did not load on this page but was granted before, so its cookies from earlier visits go.
    UnloadProcessor(ProcessorId),
    /// A processor that ran in this page lost its grant: its off-switch was called and its
    /// cookies deleted, but its code stays in memory until the page reloads. With `reload` (the
    /// config's `reloadOnWithdraw`) the web layer reloads the page; else it tells the user that a
    /// reload completes the withdrawal. Follows the [`Effect::UnloadProcessor`] effects.
    CompleteWithdrawal {
        /// Whether to reload the page now.
        reload: bool,
    },
    /// Show the first-layer banner.
    ShowBanner,
    /// Hide the banner.
    HideBanner,
    /// Tell the page the decisions changed.
    EmitChange,
    /// Send this record to the proof-of-consent endpoint.
    SendProof(Record),
    /// Delete the stored decision (and tell the site's other tabs). Comes first, before the
    /// effects of having no decision.
    Forget,
    /// The stored value this page started with holds no decision this build can read (not its
    /// format, cut short, or of another schema): it counts as no decision, and the web layer says
    /// so on the console. Comes first.
    StoredUnreadable,
}

/// What the web layer supplies with each action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Context {
    /// The current time.
    pub now: Timestamp,
    /// A fresh random id, used if this action makes a new decision.
    pub fresh_id: ConsentId,
    /// The language the user is seeing.
    pub language: Language,
    /// Where the action came from: the banner, the preferences or the API; [`Source::Stored`]
    /// for what the page learns rather than is told (the cookie, another tab, the clock).
    pub source: Source,
}

/// The state: the config, the decision in force, which processors this page has loaded, and
/// whether the browser sends Global Privacy Control.
#[derive(Clone, Debug, PartialEq)]
pub struct Consent {
    config: Config,
    decision: Option<Record>,
    /// Where this page learned of the decision in force.
    source: Source,
    loaded: Vec<ProcessorId>,
    gpc: bool,
}

impl Consent {
    /// A page with no decision yet and nothing loaded.
    pub fn new(config: Config) -> Self {
        Self {
            config,
            decision: None,
            source: Source::Stored,
            loaded: Vec::new(),
            gpc: false,
        }
    }

    /// The config in force.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The decision in force, if any.
    pub fn decision(&self) -> Option<&Record> {
        self.decision.as_ref()
    }

    /// Where this page learned of the decision in force, if there is one: made here (through
    /// the banner, the preferences, the API, or for the user from Global Privacy Control), or
    /// [`Source::Stored`] when read back or made in another tab.
    pub fn source(&self) -> Option<Source> {
        self.decision.as_ref().map(|_| self.source)
    }

    /// Every consent-based processor and whether it is granted now, in config order.
    pub fn choices(&self) -> Vec<(ProcessorId, bool)> {
        self.choices_where(&|id| self.is_granted(id))
    }

    /// The consent-based processors granted now, in config order.
    pub fn granted(&self) -> Vec<ProcessorId> {
        self.config
            .consent_processors()
            .filter(|p| self.is_granted(&p.id))
            .map(|p| p.id.clone())
            .collect()
    }

    /// Whether the page reported the Global Privacy Control signal.
    pub fn gpc(&self) -> bool {
        self.gpc
    }

    /// Whether `id` is consented now. Necessary processors are not "granted": they are not asked.
    pub fn is_granted(&self, id: &ProcessorId) -> bool {
        self.decision.as_ref().is_some_and(|d| d.grants(id))
    }

    /// In how many milliseconds the web layer should next send [`Action::Expired`]: at the
    /// decision's expiry, at most [`EXPIRY_CHECK_STEP`] from `now` (also with no decision in
    /// force, as one may come at any time); `0` when the decision in force has expired.
    pub fn expiry_check_in(&self, now: Timestamp) -> u32 {
        let expires_at = self.decision.as_ref().map_or(u64::MAX, |d| d.expires_at.0);
        // The step is an hour, so its milliseconds fit a u32.
        (expires_at.saturating_sub(now.0).min(EXPIRY_CHECK_STEP) * 1000) as u32
    }

    /// Applies `action` and returns the effects to carry out, in order.
    pub fn apply(&mut self, action: Action, context: &Context) -> Vec<Effect> {
        match action {
            Action::Loaded { stored, gpc } => {
                self.gpc = gpc;
                let record = stored.as_deref().and_then(Record::decode);
                let mut effects = Vec::new();
                if stored.is_some() && record.is_none() {
                    effects.push(Effect::StoredUnreadable);
                }
                effects.extend(self.load_stored(record, false, context));
                effects
            }
            Action::Synced { stored } => {
                let record = stored.as_deref().and_then(Record::decode);
                let held_there = stored.is_some_and(|s| !s.is_empty());
                self.load_stored(record, held_there, context)
            }
            Action::AcceptAll => {
                let choices = self.choices_where(&|_| true);
                self.decide(DecisionAction::AcceptAll, choices, context)
            }
            Action::RejectAll => {
                let choices = self.choices_where(&|_| false);
                self.decide(DecisionAction::RejectAll, choices, context)
            }
            Action::SaveChoices(granted) => {
                let choices = self.choices_where(&|id| {
                    let mut entries = granted.iter().filter(|(g, _)| g == id).peekable();
                    entries.peek().is_some() && entries.all(|(_, on)| *on)
                });
                self.decide(DecisionAction::Custom, choices, context)
            }
            Action::Withdraw(id) => {
                if !self.is_granted(&id) {
                    return Vec::new();
                }
                let choices = self.choices_where(&|p| p != &id && self.is_granted(p));
                self.decide(DecisionAction::Withdraw, choices, context)
            }
            Action::RevisionChanged { revision } => {
                if revision <= self.config.revision() {
                    return Vec::new();
                }
                self.config.set_revision(revision);
                let previous = self.decision.take();
                let had_decision = previous.is_some();
                self.no_decision(previous, had_decision, context)
            }
            Action::Expired => {
                if self.expiry_check_in(context.now) > 0 {
                    return Vec::new();
                }
                let previous = self.decision.take();
                self.no_decision(previous, true, context)
            }
            Action::Reset => {
                let previous = self.decision.take();
                let had_decision = previous.is_some();
                let mut effects = vec![Effect::Forget];
                effects.extend(self.no_decision(previous, had_decision, context));
                effects
            }
        }
    }

    /// Applies `record`, decoded from what was read at a page start or stored by another tab;
    /// `held_there` when another tab stored a value, readable here or not, which is then that
    /// tab's decision.
    fn load_stored(
        &mut self,
        record: Option<Record>,
        held_there: bool,
        context: &Context,
    ) -> Vec<Effect> {
        let previous = self.decision.take();
        let had_decision = previous.is_some();
        match record {
            Some(record) if self.in_force(&record, context.now) => {
                self.source = Source::of(&record, Source::Stored);
                self.decision = Some(record);
                let mut effects = self.sync_loaded(previous.as_ref());
                effects.push(Effect::HideBanner);
                effects.push(Effect::EmitChange);
                effects
            }
            // Another tab's decision that does not count here is in force there: this page
            // neither cleans up after what it grants nor refuses over it for the user.
            _ if held_there => self.ask(previous.as_ref(), had_decision),
            // A record that no longer counts still says what may have left cookies behind.
            stale => self.no_decision(previous.or(stale), had_decision, context),
        }
    }

    /// Whether a decoded record counts under this config at `now`: same revision, not expired,
    /// not made in the future (beyond [`CLOCK_SKEW`]), and a choice for exactly the config's
    /// consent-based processors (the decoder refuses repeated ids, so equal counts and no
    /// stranger mean the same set).
    fn in_force(&self, record: &Record, now: Timestamp) -> bool {
        record.revision == self.config.revision()
            && now < record.expires_at
            && record.decided_at.0 <= now.0.saturating_add(CLOCK_SKEW)
            && record.choices.len() == self.config.consent_processors().count()
            && record
                .choices
                .iter()
                .all(|(id, _)| self.config.processor(id).is_some_and(|p| p.needs_consent()))
    }

    /// No decision is in force any more (`previous` was, or was stored): with Global Privacy
    /// Control the core refuses everything for the user, else the banner asks.
    fn no_decision(
        &mut self,
        previous: Option<Record>,
        emit_change: bool,
        context: &Context,
    ) -> Vec<Effect> {
        if self.gpc {
            let choices = self.choices_where(&|_| false);
            return self.record_decision(DecisionAction::Gpc, choices, context, previous);
        }
        self.ask(previous.as_ref(), emit_change)
    }

    /// No decision is in force and the banner asks: what `previous` granted or this page loaded
    /// is unloaded.
    fn ask(&mut self, previous: Option<&Record>, emit_change: bool) -> Vec<Effect> {
        let mut effects = self.sync_loaded(previous);
        effects.push(Effect::ShowBanner);
        if emit_change {
            effects.push(Effect::EmitChange);
        }
        effects
    }

    /// Every consent-based processor with `granted(id)` as its choice, in config order. (`dyn`:
    /// one copy of this code instead of one per caller, for the shipped size.)
    fn choices_where(&self, granted: &dyn Fn(&ProcessorId) -> bool) -> Vec<(ProcessorId, bool)> {
        self.config
            .consent_processors()
            .map(|p| (p.id.clone(), granted(&p.id)))
            .collect()
    }

    fn decide(
        &mut self,
        action: DecisionAction,
        choices: Vec<(ProcessorId, bool)>,
        context: &Context,
    ) -> Vec<Effect> {
        let previous = self.decision.take();
        self.record_decision(action, choices, context, previous)
    }

    fn record_decision(
        &mut self,
        action: DecisionAction,
        choices: Vec<(ProcessorId, bool)>,
        context: &Context,
        previous: Option<Record>,
    ) -> Vec<Effect> {
        let record = Record {
            revision: self.config.revision(),
            notice_hash: self.config.notice_hash(context.language),
            language: context.language.tag().to_owned(),
            id: context.fresh_id.clone(),
            decided_at: context.now,
            expires_at: context.now.plus_days(self.config.lifetime_days()),
            action,
            choices,
        };
        self.source = Source::of(&record, context.source);
        self.decision = Some(record.clone());
        let mut effects = vec![Effect::Persist(record.clone())];
        effects.extend(self.sync_loaded(previous.as_ref()));
        effects.extend([
            Effect::HideBanner,
            Effect::EmitChange,
            Effect::SendProof(record),
        ]);
        effects
    }

    /// Unloads, in config order, every consent-based processor no longer granted that this page
    /// loaded or `previous` granted; then loads what is granted and not yet loaded.
    fn sync_loaded(&mut self, previous: Option<&Record>) -> Vec<Effect> {
        let mut effects = Vec::new();
        let granted = |p: &ProcessorId| self.decision.as_ref().is_some_and(|d| d.grants(p));
        let mut stopped_running = false;
        for p in self.config.consent_processors() {
            let running = self.loaded.contains(&p.id);
            let was_on = running || previous.is_some_and(|r| r.grants(&p.id));
            if was_on && !granted(&p.id) {
                effects.push(Effect::UnloadProcessor(p.id.clone()));
                stopped_running |= running;
            }
        }
        if stopped_running {
            effects.push(Effect::CompleteWithdrawal {
                reload: self.config.reload_on_withdraw(),
            });
        }
        for p in self.config.consent_processors() {
            if granted(&p.id) && !self.loaded.contains(&p.id) {
                effects.push(Effect::LoadProcessor(p.id.clone()));
            }
        }
        for effect in &effects {
            match effect {
                Effect::UnloadProcessor(id) => self.loaded.retain(|l| l != id),
                Effect::LoadProcessor(id) => self.loaded.push(id.clone()),
                _ => {}
            }
        }
        effects
    }
}
