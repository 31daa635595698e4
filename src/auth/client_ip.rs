//! The client's address, for throttling and the audit log.

use std::net::IpAddr;

use actix_web::HttpRequest;

/// The socket's peer, or, when that peer is the configured reverse proxy, the last hop of
/// `X-Forwarded-For` (the address the proxy itself saw). Never trusts the header otherwise:
/// anyone can send it, and per-address throttling would be trivial to evade.
pub fn client_ip(req: &HttpRequest, trusted_proxy: Option<IpAddr>) -> String {
    let peer = req.peer_addr().map(|a| a.ip());
    if let (Some(peer), Some(proxy)) = (peer, trusted_proxy)
        && peer == proxy
    {
        let forwarded = req
            .headers()
            .get_all("x-forwarded-for")
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|hop| hop.trim().parse::<IpAddr>().ok())
            .last();
        if let Some(ip) = forwarded {
            return ip.to_string();
        }
    }
    peer.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn request(peer: &str, forwarded: Option<&str>) -> HttpRequest {
        let mut req = TestRequest::default().peer_addr(peer.parse().unwrap());
        if let Some(value) = forwarded {
            req = req.insert_header(("x-forwarded-for", value));
        }
        req.to_http_request()
    }

    #[test]
    fn the_header_counts_only_from_the_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let via_proxy = request("10.0.0.1:5000", Some("203.0.113.9, 198.51.100.7"));
        assert_eq!(
            client_ip(&via_proxy, Some(proxy)),
            "198.51.100.7",
            "the hop the proxy saw"
        );
        let forged = request("192.0.2.44:5000", Some("198.51.100.7"));
        assert_eq!(
            client_ip(&forged, Some(proxy)),
            "192.0.2.44",
            "anyone else's header is ignored"
        );
        assert_eq!(
            client_ip(&via_proxy, None),
            "10.0.0.1",
            "no proxy configured"
        );
        assert_eq!(
            client_ip(&request("10.0.0.1:5000", Some("garbage")), Some(proxy)),
            "10.0.0.1"
        );
    }
}
