//! Platform outputs: chapters, YouTube and Apple/Spotify descriptions, the
//! series page and the RSS feed.

pub mod chapters;
pub mod description;
pub mod feed;
pub mod index_page;
pub mod summary;
pub mod youtube;
