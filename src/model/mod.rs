//! Stage 2, model: the typed content of a show (series, episodes, meeting
//! summaries, people, timestamps), decoded from spanned YAML.

pub mod audio;
pub mod check_settings;
pub mod document;
pub mod episode;
pub mod kind;
pub mod lint_settings;
pub mod load;
pub mod minutes;
pub mod people;
pub mod person_role;
pub mod series;
pub mod timestamp;
pub mod walk;
pub mod wareki;
