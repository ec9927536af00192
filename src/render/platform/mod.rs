//! Platform outputs: chapters, YouTube and Apple/Spotify descriptions, the
//! series page and the RSS feed.

pub(crate) mod chapters;
pub(crate) mod description;
pub(crate) mod feed;
pub(crate) mod index_page;
pub(crate) mod summary;
pub(crate) mod youtube;
