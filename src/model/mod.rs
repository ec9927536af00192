//! Stage 2, model: the typed content of a show (series, episodes, meeting
//! summaries, people, timestamps), decoded from spanned YAML.

pub(crate) mod audio;
pub(crate) mod check_settings;
pub(crate) mod document;
pub(crate) mod episode;
pub(crate) mod kind;
pub(crate) mod lint_settings;
pub(crate) mod load;
pub(crate) mod minutes;
pub(crate) mod people;
pub(crate) mod person_role;
pub(crate) mod podcast;
pub(crate) mod published;
pub(crate) mod series;
pub(crate) mod timestamp;
pub(crate) mod walk;
pub(crate) mod wareki;
