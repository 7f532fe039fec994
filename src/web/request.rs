//! Reading requests: the page's language, cookies, urlencoded form bodies, the origin
//! check for POSTs.

use actix_web::http::header;
use actix_web::{HttpMessage, HttpRequest};

use crate::domain::language::Language;
use crate::i18n::{LANG_COOKIE, Tr};
use crate::web::address::PublicAddress;

/// The language of the workshop a request is about, once a handler has found it: the
/// fallback of [`tr`] for this request, error pages included.
#[derive(Debug, Clone, Copy)]
pub struct WorkshopLanguage(pub Language);

/// Remembers that `req` is about a workshop in `language` (see [`WorkshopLanguage`]).
pub fn set_workshop_language(req: &HttpRequest, language: Language) {
    req.extensions_mut().insert(WorkshopLanguage(language));
}

/// The catalogue for this request (see [`Language::negotiate`]): when nothing in the
/// request says, the language of its workshop (see [`set_workshop_language`]), else French.
pub fn tr(req: &HttpRequest) -> Tr {
    let fallback = req
        .extensions()
        .get::<WorkshopLanguage>()
        .map_or(Language::French, |w| w.0);
    tr_or(req, fallback)
}

/// The catalogue for this request, `fallback` when nothing in the request says (a
/// workshop's pages pass the workshop's language).
pub fn tr_or(req: &HttpRequest, fallback: Language) -> Tr {
    let query = query_param(req, "lang");
    let cookie = req.cookie(LANG_COOKIE).map(|c| c.value().to_string());
    let accept = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    Tr::new(Language::negotiate(
        query.as_deref(),
        cookie.as_deref(),
        accept,
        fallback,
    ))
}

/// The first value of query parameter `name`.
pub fn query_param(req: &HttpRequest, name: &str) -> Option<String> {
    form_urlencoded::parse(req.query_string().as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// A form body that is not valid `application/x-www-form-urlencoded` UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Malformed;

/// A urlencoded form body as `(name, value)` pairs, in order, repeated names kept.
#[derive(Debug, Clone, Default)]
pub struct FormFields(pub Vec<(String, String)>);

impl FormFields {
    /// Decodes `body` (`application/x-www-form-urlencoded`: `+` is a space, `%XX` a byte).
    ///
    /// # Errors
    /// [`Malformed`] when a name or value is not UTF-8 once decoded: our pages send UTF-8,
    /// and guessing another encoding would store garbled text.
    pub fn parse(body: &[u8]) -> Result<Self, Malformed> {
        let decode = |raw: &[u8]| -> Result<String, Malformed> {
            let plus_as_space: Vec<u8> = raw
                .iter()
                .map(|b| if *b == b'+' { b' ' } else { *b })
                .collect();
            percent_encoding::percent_decode(&plus_as_space)
                .decode_utf8()
                .map(|s| s.into_owned())
                .map_err(|_| Malformed)
        };
        body.split(|b| *b == b'&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let mut parts = pair.splitn(2, |b| *b == b'=');
                let name = decode(parts.next().unwrap_or_default())?;
                let value = decode(parts.next().unwrap_or_default())?;
                Ok((name, value))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Self)
    }

    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of `name`, in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// Whether a request comes from the server's own machine: a loopback peer, and no
/// forwarding header (`Forwarded`, `X-Forwarded-For`, `X-Real-IP`) — behind a reverse
/// proxy on the same machine every request has a loopback peer, and is not the
/// organiser's for that (issue #11, item 6: `/new` without a password).
pub fn is_local(req: &HttpRequest) -> bool {
    let headers = req.headers();
    let forwarded = ["forwarded", "x-forwarded-for", "x-real-ip"]
        .iter()
        .any(|name| headers.contains_key(*name));
    !forwarded
        && req
            .peer_addr()
            .is_some_and(|peer| peer.ip().to_canonical().is_loopback())
}

/// Whether a POST comes from another site (ARCHITECTURE.md, "Rules that hold everywhere").
///
/// Refused: an `Origin` that is not one of `address`'s (scheme, host and port compared);
/// `Origin: null` unless the browser also says `Sec-Fetch-Site: same-origin` (a privacy
/// setting that strips referrers nulls the origin of the site's own forms); without
/// `Origin`, a `Sec-Fetch-Site: cross-site` or a `Referer` from another origin. A request
/// with none of them (curl, scripts) is let through: browsers send `Origin` on every
/// cross-site form POST.
pub fn is_cross_site(req: &HttpRequest, address: &PublicAddress) -> bool {
    let headers = req.headers();
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if let Some(origin) = headers.get(header::ORIGIN) {
        if origin.as_bytes() == b"null"
            && fetch_site.is_some_and(|v| v.eq_ignore_ascii_case("same-origin"))
        {
            return false;
        }
        return !origin
            .to_str()
            .is_ok_and(|origin| address.accepts_origin(origin));
    }
    if fetch_site.is_some_and(|v| v.eq_ignore_ascii_case("cross-site")) {
        return true;
    }
    headers.get(header::REFERER).is_some_and(|referer| {
        !referer
            .to_str()
            .ok()
            .and_then(origin_of)
            .is_some_and(|origin| address.accepts_origin(origin))
    })
}

/// The origin (`scheme://host[:port]`) an absolute address starts with; `None` when it
/// has no `://` or no host.
fn origin_of(address: &str) -> Option<&str> {
    let after_scheme = address.find("://")? + 3;
    let end = address[after_scheme..]
        .find(['/', '?', '#'])
        .map_or(address.len(), |i| after_scheme + i);
    (end > after_scheme).then(|| &address[..end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn address(base_url: Option<&str>) -> PublicAddress {
        PublicAddress::new(base_url, "127.0.0.1:8080".parse().expect("addr"), &[]).expect("address")
    }

    #[test]
    fn same_origin_and_the_public_base_url_are_ours() {
        let req = TestRequest::post()
            .insert_header((header::ORIGIN, "http://127.0.0.1:8080"))
            .to_http_request();
        assert!(!is_cross_site(&req, &address(None)));
        let proxied = TestRequest::post()
            .insert_header((header::ORIGIN, "https://atelier.example.org"))
            .to_http_request();
        assert!(!is_cross_site(
            &proxied,
            &address(Some("https://atelier.example.org/"))
        ));
        assert!(is_cross_site(&proxied, &address(None)));
    }

    #[test]
    fn other_origins_null_other_schemes_and_cross_site_fetches_are_refused() {
        for origin in [
            "http://evil.example",
            "null",
            "http://127.0.0.1:8081",
            "https://127.0.0.1:8080",
        ] {
            let req = TestRequest::post()
                .insert_header((header::ORIGIN, origin))
                .to_http_request();
            assert!(is_cross_site(&req, &address(None)), "{origin}");
        }
        let req = TestRequest::post()
            .insert_header(("sec-fetch-site", "cross-site"))
            .to_http_request();
        assert!(is_cross_site(&req, &address(None)));
        let null_cross = TestRequest::post()
            .insert_header((header::ORIGIN, "null"))
            .insert_header(("sec-fetch-site", "cross-site"))
            .to_http_request();
        assert!(is_cross_site(&null_cross, &address(None)));
    }

    #[test]
    fn only_a_loopback_peer_without_a_proxy_is_local() {
        let peer = |addr: &str| TestRequest::get().peer_addr(addr.parse().expect("addr"));
        assert!(is_local(&peer("127.0.0.1:5000").to_http_request()));
        assert!(is_local(&peer("[::1]:5000").to_http_request()));
        assert!(is_local(&peer("[::ffff:127.0.0.1]:5000").to_http_request()));
        assert!(!is_local(&peer("192.168.1.20:5000").to_http_request()));
        assert!(!is_local(&TestRequest::get().to_http_request()));
        let proxied = peer("127.0.0.1:5000")
            .insert_header(("x-forwarded-for", "203.0.113.5"))
            .to_http_request();
        assert!(!is_local(&proxied));
    }

    #[test]
    fn without_origin_a_referer_from_another_site_is_refused_and_our_own_accepted() {
        let ours = address(Some("https://atelier.example.org"));
        let post = |referer: &str| {
            TestRequest::post()
                .insert_header((header::REFERER, referer))
                .to_http_request()
        };
        assert!(is_cross_site(
            &post("https://evil.example/form.html"),
            &ours
        ));
        assert!(is_cross_site(
            &post("https://atelier.example.org.evil.example/"),
            &ours
        ));
        assert!(is_cross_site(&post("not an address"), &ours));
        assert!(!is_cross_site(
            &post("https://atelier.example.org/w/ABC123"),
            &ours
        ));
        assert!(!is_cross_site(
            &post("https://atelier.example.org?x=1"),
            &ours
        ));
        assert!(!is_cross_site(
            &TestRequest::post().to_http_request(),
            &ours
        ));
        assert_eq!(origin_of("http://h:8080/p?q"), Some("http://h:8080"));
        assert_eq!(origin_of("http:///p"), None);
    }

    #[test]
    fn a_null_origin_the_browser_calls_same_origin_is_ours() {
        let req = TestRequest::post()
            .insert_header((header::ORIGIN, "null"))
            .insert_header(("sec-fetch-site", "same-origin"))
            .to_http_request();
        assert!(!is_cross_site(&req, &address(None)));
    }

    #[test]
    fn repeated_form_fields_are_all_kept() {
        let form = FormFields::parse(b"keyword=a&keyword=b+c&keyword=%C3%A9t%C3%A9&keyword=1%2B1")
            .expect("form");
        assert_eq!(form.all("keyword"), ["a", "b c", "été", "1+1"]);
    }

    #[test]
    fn bytes_that_are_not_utf8_make_the_form_malformed() {
        assert_eq!(
            FormFields::parse(b"keyword=ab%FFcd").map(|_| ()),
            Err(Malformed)
        );
        assert_eq!(
            FormFields::parse(b"keyword=caf\xe9").map(|_| ()),
            Err(Malformed)
        );
        assert_eq!(FormFields::parse(b"").map(|f| f.0.len()), Ok(0));
    }
}
