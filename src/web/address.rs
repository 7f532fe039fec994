//! The server's public address (issue #11, "links from configuration"): every link,
//! QR code and printed sheet takes its base from `--base-url`, or from the address the
//! server is bound to, never from a request's `Host` or `X-Forwarded-Host`. Requests
//! naming another host are refused (DNS rebinding), and a POST's `Origin` must be one of
//! ours: scheme, host and port.

use std::net::{IpAddr, SocketAddr};

/// `http` or `https`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// Plain HTTP (port 80 by default).
    Http,
    /// HTTP over TLS (port 443 by default).
    Https,
}

impl Scheme {
    fn default_port(self) -> u16 {
        match self {
            Self::Http => 80,
            Self::Https => 443,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Http => "http",
            Self::Https => "https",
        }
    }
}

/// An origin: scheme, host (lower case, IPv6 in brackets) and port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// `http` or `https`.
    pub scheme: Scheme,
    /// Host name or address, lower case; an IPv6 address keeps its brackets.
    pub host: String,
    /// The port, the scheme's default when the URL gives none.
    pub port: u16,
}

impl Origin {
    /// Parses `scheme://host[:port][/path…]`; `None` for anything else (a `null` origin,
    /// another scheme, user info, an empty host or a port that is not a number).
    pub fn parse(url: &str) -> Option<Self> {
        let (scheme, rest) = url.split_once("://")?;
        let scheme = match scheme.to_ascii_lowercase().as_str() {
            "http" => Scheme::Http,
            "https" => Scheme::Https,
            _ => return None,
        };
        let authority = rest.split(['/', '?', '#']).next()?;
        let (host, port) = split_host_port(authority)?;
        Some(Self {
            scheme,
            host,
            port: port.unwrap_or(scheme.default_port()),
        })
    }

    /// The origin of `ip:port` over plain HTTP.
    pub fn of_socket(ip: IpAddr, port: u16) -> Self {
        let host = match ip {
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => format!("[{v6}]"),
        };
        Self {
            scheme: Scheme::Http,
            host,
            port,
        }
    }

    /// `scheme://host[:port]`, the port left out when it is the scheme's default.
    pub fn url(&self) -> String {
        if self.port == self.scheme.default_port() {
            format!("{}://{}", self.scheme.name(), self.host)
        } else {
            format!("{}://{}:{}", self.scheme.name(), self.host, self.port)
        }
    }
}

/// `(host, port)` of an authority such as `Example.org:8443` or `[::1]:80`, host in lower
/// case; `None` when it is empty, carries user info or has a bad port.
fn split_host_port(authority: &str) -> Option<(String, Option<u16>)> {
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':')?.parse().ok()?),
        };
        (format!("[{}]", inside.to_ascii_lowercase()), port)
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host.to_ascii_lowercase(), Some(port.parse().ok()?)),
            None => (authority.to_ascii_lowercase(), None),
        }
    };
    (!host.is_empty() && host != "[]").then_some((host, port))
}

/// What the server answers to and the base of its links.
#[derive(Debug, Clone)]
pub struct PublicAddress {
    /// The base of every link: `--base-url`, else the bound address (a LAN address when
    /// bound to every interface).
    links: Origin,
    /// Every origin a request may name: the links' one, the bound address, loopback
    /// names on the bound port, and the machine's addresses when bound to every interface.
    accepted: Vec<Origin>,
    /// When bound to every interface, the machine's non-loopback addresses as links, to
    /// print at start (what phones will use).
    lan: Vec<String>,
}

impl PublicAddress {
    /// The address of a server bound to `bound`, with `base_url` when set (`--base-url`),
    /// and `interfaces` the machine's own addresses (read only when bound to `0.0.0.0` or
    /// `[::]`).
    ///
    /// # Errors
    /// A message naming `base_url` when it is not an `http://` or `https://` address.
    pub fn new(
        base_url: Option<&str>,
        bound: SocketAddr,
        interfaces: &[IpAddr],
    ) -> Result<Self, String> {
        let port = bound.port();
        let mut accepted = Vec::new();
        let mut lan = Vec::new();
        for ip in [
            IpAddr::from([127, 0, 0, 1]),
            IpAddr::from([0u16, 0, 0, 0, 0, 0, 0, 1]),
        ] {
            accepted.push(Origin::of_socket(ip, port));
        }
        accepted.push(Origin {
            scheme: Scheme::Http,
            host: "localhost".into(),
            port,
        });
        let local = if bound.ip().is_unspecified() {
            let mut own: Vec<IpAddr> = interfaces
                .iter()
                .copied()
                .filter(|ip| !ip.is_loopback() && !ip.is_unspecified())
                .collect();
            // IPv4 first: that is what a phone on the venue's Wi-Fi types or scans.
            own.sort_by_key(|ip| (ip.is_ipv6(), *ip));
            own.dedup();
            for ip in &own {
                let origin = Origin::of_socket(*ip, port);
                lan.push(origin.url());
                accepted.push(origin);
            }
            own.first()
                .map(|ip| Origin::of_socket(*ip, port))
                .unwrap_or_else(|| Origin::of_socket(IpAddr::from([127, 0, 0, 1]), port))
        } else {
            let origin = Origin::of_socket(bound.ip(), port);
            accepted.push(origin.clone());
            origin
        };
        let links = match base_url {
            Some(url) => {
                let origin = Origin::parse(url.trim()).ok_or_else(|| {
                    format!(
                        "--base-url {url}: expected an address such as https://atelier.example.org"
                    )
                })?;
                accepted.push(origin.clone());
                origin
            }
            None => local,
        };
        Ok(Self {
            links,
            accepted,
            lan,
        })
    }

    /// The base of links, such as `https://atelier.example.org` (no trailing slash).
    pub fn base(&self) -> String {
        self.links.url()
    }

    /// Whether links are `https://`: cookies are then marked `Secure`.
    pub fn is_https(&self) -> bool {
        self.links.scheme == Scheme::Https
    }

    /// When bound to every interface, the machine's addresses as `http://ip:port`.
    pub fn lan_links(&self) -> &[String] {
        &self.lan
    }

    /// Whether a request's `Host` header names this server (any accepted origin's host
    /// and port; a `Host` without port stands for the scheme's default). A request
    /// without `Host` (HTTP/1.0 scripts) is accepted: browsers always send it.
    pub fn accepts_host(&self, host: Option<&str>) -> bool {
        let Some(host) = host else {
            return true;
        };
        let Some((name, port)) = split_host_port(host.trim()) else {
            return false;
        };
        self.accepted
            .iter()
            .any(|o| o.host == name && port.unwrap_or(o.scheme.default_port()) == o.port)
    }

    /// Whether `origin` (an `Origin` header) is one of ours: scheme, host and port.
    pub fn accepts_origin(&self, origin: &str) -> bool {
        Origin::parse(origin).is_some_and(|o| self.accepted.contains(&o))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bound(s: &str) -> SocketAddr {
        s.parse().expect("socket address")
    }

    #[test]
    fn links_come_from_the_base_url_or_the_bound_address() {
        let local = PublicAddress::new(None, bound("127.0.0.1:8080"), &[]).expect("address");
        assert_eq!(local.base(), "http://127.0.0.1:8080");
        let public = PublicAddress::new(
            Some("https://Atelier.example.org/"),
            bound("127.0.0.1:8080"),
            &[],
        )
        .expect("address");
        assert_eq!(public.base(), "https://atelier.example.org");
        assert!(public.is_https());
        assert!(
            PublicAddress::new(Some("atelier.example.org"), bound("127.0.0.1:1"), &[]).is_err()
        );
    }

    #[test]
    fn bound_to_every_interface_the_lan_address_is_the_link() {
        let ips: Vec<IpAddr> = ["127.0.0.1", "fe80::1", "192.168.1.20"]
            .iter()
            .map(|s| s.parse().expect("ip"))
            .collect();
        let address = PublicAddress::new(None, bound("0.0.0.0:8080"), &ips).expect("address");
        assert_eq!(address.base(), "http://192.168.1.20:8080");
        assert_eq!(
            address.lan_links(),
            ["http://192.168.1.20:8080", "http://[fe80::1]:8080"]
        );
        assert!(address.accepts_host(Some("192.168.1.20:8080")));
        assert!(address.accepts_host(Some("localhost:8080")));
        assert!(!address.accepts_host(Some("192.168.1.21:8080")));
    }

    #[test]
    fn a_forged_host_is_not_ours() {
        let address = PublicAddress::new(
            Some("https://atelier.example.org"),
            bound("127.0.0.1:8080"),
            &[],
        )
        .expect("address");
        for host in [
            "atelier.example.org",
            "ATELIER.example.org:443",
            "127.0.0.1:8080",
            "[::1]:8080",
        ] {
            assert!(address.accepts_host(Some(host)), "{host}");
        }
        for host in [
            "evil.example:8443",
            "atelier.example.org:8080",
            "127.0.0.1:8081",
            "",
            "a@b",
        ] {
            assert!(!address.accepts_host(Some(host)), "{host}");
        }
        assert!(address.accepts_host(None));
    }

    #[test]
    fn origins_compare_scheme_host_and_port() {
        let address = PublicAddress::new(
            Some("https://atelier.example.org"),
            bound("127.0.0.1:8080"),
            &[],
        )
        .expect("address");
        assert!(address.accepts_origin("https://atelier.example.org"));
        assert!(address.accepts_origin("http://127.0.0.1:8080"));
        for origin in [
            "http://atelier.example.org",
            "https://atelier.example.org:8443",
            "https://127.0.0.1:8080",
            "null",
            "http://evil.example",
        ] {
            assert!(!address.accepts_origin(origin), "{origin}");
        }
    }
}
