//! `ClientIp`: who is asking, from the socket's peer address, or from
//! `X-Forwarded-For` when (and only when) the peer is a proxy listed in
//! `server.trusted_proxies`.

use std::convert::Infallible;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use ipnet::IpNet;

use crate::state::AppState;

/// The client's address, as rate limits key it: IPv4 as is, IPv6 by its /64 network
/// (one household or host usually holds a whole /64).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientIp(pub IpAddr);

impl ClientIp {
    /// Resolves the client from the peer and the forwarding header.
    pub fn resolve(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> Self {
        let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
        let peer = canonical(peer);
        if !is_trusted(&peer) {
            return Self(limit_key(peer));
        }
        // Each proxy appends the address it received the request from; walk from the
        // right and stop at the first hop that is not one of ours.
        let hops: Vec<IpAddr> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(str::trim)
            .map_while(|hop| hop.parse::<IpAddr>().ok())
            .map(canonical)
            .collect();
        let client = hops.iter().rev().find(|hop| !is_trusted(hop)).or(hops.first()).copied().unwrap_or(peer);
        Self(limit_key(client))
    }
}

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::from([0, 0, 0, 0]), |ConnectInfo(addr)| addr.ip());
        Ok(Self::resolve(peer, &parts.headers, &state.config.server.trusted_proxies))
    }
}

impl std::fmt::Display for ClientIp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// IPv4-mapped IPv6 addresses as the IPv4 address they are.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    }
}

fn limit_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => {
            let segments = v6.segments();
            IpAddr::V6(Ipv6Addr::new(segments[0], segments[1], segments[2], segments[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(forwarded: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", forwarded.parse().expect("header"));
        headers
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("ip")
    }

    #[test]
    fn the_forwarded_header_is_ignored_from_an_untrusted_peer() {
        let client = ClientIp::resolve(ip("203.0.113.9"), &headers("198.51.100.1"), &[]);
        assert_eq!(client.0, ip("203.0.113.9"));
    }

    #[test]
    fn behind_a_trusted_proxy_the_last_untrusted_hop_is_the_client() {
        let trusted: Vec<IpNet> = vec!["10.0.0.0/8".parse().expect("net")];
        let client = ClientIp::resolve(ip("10.0.0.2"), &headers("1.2.3.4, 198.51.100.7, 10.0.0.5"), &trusted);
        assert_eq!(client.0, ip("198.51.100.7"), "a client cannot spoof by prepending addresses");
        let direct = ClientIp::resolve(ip("10.0.0.2"), &HeaderMap::new(), &trusted);
        assert_eq!(direct.0, ip("10.0.0.2"), "no header: the proxy itself");
    }

    #[test]
    fn ipv6_clients_are_keyed_by_their_64_and_mapped_ipv4_as_ipv4() {
        let a = ClientIp::resolve(ip("2001:db8:1:2:aaaa::1"), &HeaderMap::new(), &[]);
        let b = ClientIp::resolve(ip("2001:db8:1:2:bbbb::9"), &HeaderMap::new(), &[]);
        assert_eq!(a, b);
        assert_eq!(ClientIp::resolve(ip("::ffff:192.0.2.1"), &HeaderMap::new(), &[]).0, ip("192.0.2.1"));
    }
}
