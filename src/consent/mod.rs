//! The consent state machine: actions in, effects out, as plain data. No clock, randomness,
//! storage or DOM: time, fresh ids and the stored text come in as arguments.

#[cfg(test)]
mod tests;

use crate::config::Config;
use crate::notice::{Language, Notice};
use crate::processor::ProcessorId;
use crate::record::{ConsentId, DecisionAction, Record};
use crate::time::Timestamp;

/// What happened, as the core understands it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// The page started; `stored` is the consent cookie's value, if there was one.
    Loaded {
        /// The stored text, undecoded.
        stored: Option<String>,
    },
    /// The user pressed "Accept all".
    AcceptAll,
    /// The user pressed "Reject all".
    RejectAll,
    /// The user saved individual choices; processors left out are refused.
    SaveChoices(Vec<(ProcessorId, bool)>),
    /// The user withdrew consent from one processor.
    Withdraw(ProcessorId),
}

/// What the web layer must do, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Store this record (cookie or fallback store).
    Persist(Record),
    /// Insert this processor's script (only ever once per page).
    LoadProcessor(ProcessorId),
    /// Call the processor's off-switch and delete its cookies.
    UnloadProcessor(ProcessorId),
    /// Show the first-layer banner.
    ShowBanner,
    /// Hide the banner.
    HideBanner,
    /// Tell the page the decisions changed.
    EmitChange,
    /// Send this record to the proof-of-consent endpoint.
    SendProof(Record),
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
}

/// The state: the config, the decision in force, and which processors this page has loaded.
#[derive(Clone, Debug, PartialEq)]
pub struct Consent {
    config: Config,
    decision: Option<Record>,
    loaded: Vec<ProcessorId>,
}

impl Consent {
    /// A page with no decision yet and nothing loaded.
    pub fn new(config: Config) -> Self {
        Self {
            config,
            decision: None,
            loaded: Vec::new(),
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

    /// Whether `id` is consented now. Necessary processors are not "granted": they are not asked.
    pub fn is_granted(&self, id: &ProcessorId) -> bool {
        self.decision.as_ref().is_some_and(|d| d.grants(id))
    }

    /// Applies `action` and returns the effects to carry out, in order.
    pub fn apply(&mut self, action: Action, context: &Context) -> Vec<Effect> {
        match action {
            Action::Loaded { stored } => self.load_stored(stored.as_deref(), context.now),
            Action::AcceptAll => {
                let choices = self.choices_where(|_| true);
                self.decide(DecisionAction::AcceptAll, choices, context)
            }
            Action::RejectAll => {
                let choices = self.choices_where(|_| false);
                self.decide(DecisionAction::RejectAll, choices, context)
            }
            Action::SaveChoices(granted) => {
                let choices = self.choices_where(|id| granted.iter().any(|(g, on)| g == id && *on));
                self.decide(DecisionAction::Custom, choices, context)
            }
            Action::Withdraw(id) => {
                if !self.is_granted(&id) {
                    return Vec::new();
                }
                let choices = self.choices_where(|p| p != &id && self.is_granted(p));
                self.decide(DecisionAction::Withdraw, choices, context)
            }
        }
    }

    fn load_stored(&mut self, stored: Option<&str>, now: Timestamp) -> Vec<Effect> {
        let record = stored
            .and_then(Record::decode)
            .filter(|r| r.revision == self.config.revision() && now < r.expires_at);
        match record {
            Some(record) => {
                self.decision = Some(record);
                let mut effects = self.sync_loaded();
                effects.push(Effect::HideBanner);
                effects.push(Effect::EmitChange);
                effects
            }
            None => vec![Effect::ShowBanner],
        }
    }

    /// Every consent-based processor with `granted(id)` as its choice, in config order.
    fn choices_where(&self, granted: impl Fn(&ProcessorId) -> bool) -> Vec<(ProcessorId, bool)> {
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
        let notice = Notice::get(context.language);
        let record = Record {
            revision: self.config.revision(),
            notice_hash: notice.hash(),
            language: context.language.tag().to_owned(),
            id: context.fresh_id.clone(),
            decided_at: context.now,
            expires_at: context.now.plus_days(self.config.lifetime_days()),
            action,
            choices,
        };
        self.decision = Some(record.clone());
        let mut effects = vec![Effect::Persist(record.clone())];
        effects.extend(self.sync_loaded());
        effects.extend([
            Effect::HideBanner,
            Effect::EmitChange,
            Effect::SendProof(record),
        ]);
        effects
    }

    /// Loads what is granted and not loaded; unloads what is loaded and no longer granted.
    fn sync_loaded(&mut self) -> Vec<Effect> {
        let mut effects = Vec::new();
        let (keep, drop): (Vec<_>, Vec<_>) = std::mem::take(&mut self.loaded)
            .into_iter()
            .partition(|id| self.is_granted(id));
        effects.extend(drop.into_iter().map(Effect::UnloadProcessor));
        self.loaded = keep;
        let to_load: Vec<ProcessorId> = self
            .config
            .consent_processors()
            .map(|p| p.id.clone())
            .filter(|id| self.is_granted(id) && !self.loaded.contains(id))
            .collect();
        for id in to_load {
            self.loaded.push(id.clone());
            effects.push(Effect::LoadProcessor(id));
        }
        effects
    }
}
