//! Stage 2, model: the typed content of a show (series, episodes, meeting
//! summaries, people, timestamps), decoded from spanned YAML.

pub mod audio;
pub mod check_settings;
pub mod document;
pub mod episode;
pub mod minutes;
pub mod people;
pub mod person_role;
pub mod series;
pub mod timestamp;
pub mod wareki;
