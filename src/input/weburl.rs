//! The one rule for links in content: absolute `http` or `https` URLs only.

/// Why a URL was refused, phrased for the user.
pub(crate) fn check(text: &str) -> Result<url::Url, String> {
    let trimmed = text.trim();
    match url::Url::parse(trimmed) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => {
            if url.host_str().is_none_or(str::is_empty) {
                Err("the URL has no host".into())
            } else {
                Ok(url)
            }
        }
        Ok(url) => Err(format!(
            "`{}:` links are not allowed; only http and https",
            url.scheme()
        )),
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            Err("a relative URL; links must be absolute (https://...)".into())
        }
        Err(e) => Err(format!("not a valid URL ({e})")),
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn accepts_http_and_https_only() {
        assert!(check("https://peplatform.org/").is_ok());
        assert!(check("http://example.com/a?b#c").is_ok());
        assert!(
            check("javascript:alert(1)")
                .unwrap_err()
                .contains("`javascript:`")
        );
        assert!(check("data:text/html,x").unwrap_err().contains("`data:`"));
        assert!(check("file:///etc/passwd").unwrap_err().contains("`file:`"));
        assert!(check("/relative/path").unwrap_err().contains("relative"));
        assert!(check("https://").is_err());
        assert!(check("http://exa mple.com").is_err());
    }
}
