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
