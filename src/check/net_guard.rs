//! Links must not reach into the machine or network running the check:
//! every address that is not globally routable (loopback, private,
//! link-local, unique-local, documentation, benchmarking, multicast,
//! reserved..., also when an IPv4 address hides inside an IPv6 one) is
//! refused unless the CI owner allows it (`--allow-private` or
//! `SHOWNOTES_ALLOW_PRIVATE=1`). The rule is applied to IP
//! literals before a request, and by the resolver to every name the client
//! connects to, so the address actually connected to is always checked,
//! on every redirect hop.

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// Whether links may not go to `ip`: every address that is not globally
/// routable per the IANA IPv4 and IPv6 special-purpose address registries
/// (plus multicast and the reserved 240.0.0.0/4), looking through IPv6
/// forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4).
pub(crate) fn is_refused(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => refused_v4(v4),
        IpAddr::V6(v6) => refused_v6(v6),
    }
}

/// Whether `ip` lies in `prefix/len`.
fn in_v4(ip: Ipv4Addr, prefix: [u8; 4], len: u32) -> bool {
    let mask = u32::MAX.checked_shl(32 - len).unwrap_or(0);
    u32::from(ip) & mask == u32::from(Ipv4Addr::from(prefix)) & mask
}

fn in_v6(ip: Ipv6Addr, prefix: [u16; 8], len: u32) -> bool {
    let mask = u128::MAX.checked_shl(128 - len).unwrap_or(0);
    u128::from(ip) & mask == u128::from(Ipv6Addr::from(prefix)) & mask
}

/// IPv4 blocks that are not globally reachable (RFC 6890 and the IANA
/// IPv4 Special-Purpose Address Registry), multicast and reserved space.
const REFUSED_V4: &[([u8; 4], u32)] = &[
    ([0, 0, 0, 0], 8),       // "this network"
    ([10, 0, 0, 0], 8),      // private
    ([100, 64, 0, 0], 10),   // shared address space (carrier-grade NAT)
    ([127, 0, 0, 0], 8),     // loopback
    ([169, 254, 0, 0], 16),  // link-local
    ([172, 16, 0, 0], 12),   // private
    ([192, 0, 0, 0], 24),    // IETF protocol assignments
    ([192, 0, 2, 0], 24),    // documentation (TEST-NET-1)
    ([192, 88, 99, 0], 24),  // deprecated 6to4 relay anycast
    ([192, 168, 0, 0], 16),  // private
    ([198, 18, 0, 0], 15),   // benchmarking
    ([198, 51, 100, 0], 24), // documentation (TEST-NET-2)
    ([203, 0, 113, 0], 24),  // documentation (TEST-NET-3)
    ([224, 0, 0, 0], 4),     // multicast
    ([240, 0, 0, 0], 4),     // reserved, and 255.255.255.255 broadcast
];

fn refused_v4(ip: Ipv4Addr) -> bool {
    REFUSED_V4.iter().any(|&(prefix, len)| in_v4(ip, prefix, len))
}

/// IPv6 blocks inside global unicast space (2000::/3) that are not
/// globally reachable (the IANA IPv6 Special-Purpose Address Registry).
const REFUSED_V6_IN_2000: &[([u16; 8], u32)] = &[
    ([0x2001, 0, 0, 0, 0, 0, 0, 0], 23), // IETF protocol assignments (Teredo, benchmarking, ...)
    ([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0], 32), // documentation
    ([0x3fff, 0, 0, 0, 0, 0, 0, 0], 20), // documentation
];

/// Globally reachable exceptions inside 2001::/23.
const GLOBAL_V6_IN_2001: &[([u16; 8], u32)] = &[
    ([0x2001, 0x3, 0, 0, 0, 0, 0, 0], 32),     // AMT
    ([0x2001, 0x4, 0x112, 0, 0, 0, 0, 0], 48), // AS112-v6
    ([0x2001, 0x20, 0, 0, 0, 0, 0, 0], 28),    // ORCHIDv2
    ([0x2001, 0x30, 0, 0, 0, 0, 0, 0], 28),    // drone remote ID
];

fn refused_v6(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    // ::ffff:a.b.c.d (mapped): the IPv4 address decides.
    if let Some(v4) = ip.to_ipv4_mapped() {
        return refused_v4(v4);
    }
    // 64:ff9b::/96, NAT64's well-known prefix, is global: its IPv4 decides.
    if in_v6(ip, [0x64, 0xff9b, 0, 0, 0, 0, 0, 0], 96) {
        let [.., hi, lo] = s;
        return refused_v4(Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo)));
    }
    // 2002::/16, 6to4: the IPv4 address in bits 16-47 decides.
    if s[0] == 0x2002 {
        return refused_v4(Ipv4Addr::from((u32::from(s[1]) << 16) | u32::from(s[2])));
    }
    // Only global unicast (2000::/3) remains: this refuses ::/96 (IPv4-
    // compatible, loopback, unspecified), 64:ff9b:1::/48, 100::/64,
    // fc00::/7, fe80::/10, fec0::/10, ff00::/8 and all unassigned space.
    if !in_v6(ip, [0x2000, 0, 0, 0, 0, 0, 0, 0], 3) {
        return true;
    }
    let special = REFUSED_V6_IN_2000
        .iter()
        .any(|&(prefix, len)| in_v6(ip, prefix, len));
    special
        && !GLOBAL_V6_IN_2001
            .iter()
            .any(|&(prefix, len)| in_v6(ip, prefix, len))
}

/// A host resolved only to refused addresses.
#[derive(Debug, Clone)]
pub(crate) struct PrivateAddress {
    pub(crate) host: String,
    pub(crate) ip: IpAddr,
}

impl fmt::Display for PrivateAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} points to a private address ({})", self.host, self.ip)
    }
}

impl std::error::Error for PrivateAddress {}

/// A name that could not be resolved.
#[derive(Debug)]
pub(crate) struct DnsFailure {
    pub(crate) host: String,
    pub(crate) reason: String,
}

impl fmt::Display for DnsFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot resolve {}: {}", self.host, self.reason)
    }
}

impl std::error::Error for DnsFailure {}

/// The check for a URL whose host is an IP literal (no resolver runs for those).
pub(crate) fn check_literal(url: &url::Url, allow_private: bool) -> Result<(), PrivateAddress> {
    let ip = match url.host() {
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip),
        _ => return Ok(()),
    };
    if !allow_private && is_refused(ip) {
        return Err(PrivateAddress {
            host: ip.to_string(),
            ip,
        });
    }
    Ok(())
}

/// The system resolver, with refused addresses filtered out.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GuardedResolver {
    pub(crate) allow_private: bool,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        let host = name.as_str().to_string();
        Box::pin(async move {
            let looked_up = tokio::net::lookup_host(format!("{host}:0")).await;
            let found: Vec<SocketAddr> = match looked_up {
                Ok(addrs) => addrs.collect(),
                Err(e) => {
                    return Err(Box::new(DnsFailure {
                        host,
                        reason: e.to_string(),
                    }) as _);
                }
            };
            let Some(first) = found.first().copied() else {
                return Err(Box::new(DnsFailure {
                    host,
                    reason: "no address".into(),
                }) as _);
            };
            let allowed: Vec<SocketAddr> = found
                .into_iter()
                .filter(|a| allow_private || !is_refused(a.ip()))
                .collect();
            if allowed.is_empty() {
                return Err(Box::new(PrivateAddress { host, ip: first.ip() }) as _);
            }
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_internal_ranges() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "::",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(is_refused(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "172.32.0.1"] {
            assert!(!is_refused(ip.parse().unwrap()), "{ip}");
        }
    }

    #[test]
    fn refuses_every_special_purpose_range_and_embedded_ipv4() {
        for ip in [
            // IPv4 embedded in IPv6: compatible, NAT64, 6to4, mapped.
            "::127.0.0.1",
            "64:ff9b::7f00:1",
            "64:ff9b::a00:1",
            "2002:7f00:1::1",
            "2002:c0a8:101::1",
            "::ffff:10.0.0.1",
            // IPv4 special-purpose blocks, multicast, reserved.
            "198.18.0.1",
            "198.19.255.254",
            "192.0.0.8",
            "192.0.2.1",
            "198.51.100.7",
            "203.0.113.9",
            "192.88.99.1",
            "224.0.0.1",
            "239.255.255.250",
            "240.0.0.1",
            "255.255.255.255",
            // IPv6 special-purpose blocks.
            "fec0::1",
            "ff02::1",
            "ff0e::1",
            "100::1",
            "64:ff9b:1::1",
            "2001::1",
            "2001:2::1",
            "2001:db8::1",
            "3fff::1",
            "5f00::1",
            "4000::1",
        ] {
            assert!(is_refused(ip.parse().unwrap()), "{ip} is not globally routable");
        }
        for ip in [
            "64:ff9b::808:808",
            "2002:808:808::1",
            "::ffff:8.8.8.8",
            "2001:4860:4860::8888",
            "2001:3::1",
            "192.0.1.1",
            "198.20.0.1",
            "223.255.255.1",
        ] {
            assert!(!is_refused(ip.parse().unwrap()), "{ip}");
        }
    }

    #[test]
    fn literal_hosts() {
        let url = url::Url::parse("http://127.0.0.1:8080/x").unwrap();
        assert!(check_literal(&url, false).is_err());
        assert!(check_literal(&url, true).is_ok());
        let url = url::Url::parse("http://[::1]/").unwrap();
        assert!(check_literal(&url, false).is_err());
        let url = url::Url::parse("https://example.com/").unwrap();
        assert!(check_literal(&url, false).is_ok());
    }
}
