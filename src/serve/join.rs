//! How attendees join: the `ssh` command for each address the server actually listens on
//! (the machine's own addresses when it listens on all of them), for the join screen, the
//! presenter's footer and the server's terminal.

use std::net::{IpAddr, SocketAddr};

use crate::app::Join;

/// The addresses clients can reach `listen` at: itself, or for `0.0.0.0` / `::` the
/// machine's interface addresses of that family (`::` also takes IPv4), loopback last and
/// only when nothing else is up.
pub fn addresses(listen: SocketAddr) -> Vec<IpAddr> {
    let ip = listen.ip();
    if !ip.is_unspecified() {
        return vec![ip];
    }
    let mut found: Vec<IpAddr> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter(|i| !i.is_loopback() && !i.is_link_local())
        .map(|i| i.ip())
        .filter(|a| ip.is_ipv6() || a.is_ipv4())
        .collect();
    // IPv4 first: the shorter command, and the one a room's network most likely routes.
    found.sort_by_key(|a| (a.is_ipv6(), *a));
    found.dedup();
    if found.is_empty() {
        found.push(if ip.is_ipv4() {
            IpAddr::from([127, 0, 0, 1])
        } else {
            IpAddr::from(std::net::Ipv6Addr::LOCALHOST)
        });
    }
    found
}

/// `ssh -p PORT HOST` (just `ssh HOST` on port 22).
pub fn command(ip: IpAddr, port: u16) -> String {
    if port == 22 {
        format!("ssh {ip}")
    } else {
        format!("ssh -p {port} {ip}")
    }
}

/// `http://IP:PORT/` (`[IPv6]`), with `?token=…` when the view needs one.
pub fn browser_address(ip: IpAddr, port: u16, token: Option<&str>) -> String {
    let host = match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    };
    match token {
        Some(token) => format!("http://{host}:{port}/?token={token}"),
        None => format!("http://{host}:{port}/"),
    }
}

/// What the join screen shows for a server bound to `listen` with this host key, and with a
/// browser view at `browser` (its token in the address).
pub fn join(
    listen: SocketAddr,
    fingerprint: &str,
    browser: Option<SocketAddr>,
    token: Option<&str>,
) -> Join {
    Join {
        commands: addresses(listen)
            .into_iter()
            .map(|ip| command(ip, listen.port()))
            .collect(),
        fingerprint: fingerprint.to_string(),
        browser: browser.and_then(|b| {
            let ip = addresses(b).into_iter().next()?;
            Some(browser_address(ip, b.port(), token))
        }),
    }
}

/// The rest of the join card for the server's terminal, after the lines that say where it
/// listens and the host key: the other addresses, then a QR code of the first command.
/// `colour` draws the code white on black, the right way round on a light terminal too.
pub fn card(join: &Join, colour: bool) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for command in join.commands.iter().skip(1) {
        let _ = writeln!(out, "jx-dash: or: {command}");
    }
    if let Some(browser) = &join.browser {
        let _ = writeln!(out, "jx-dash: or in a browser (read-only): {browser}");
    }
    let Some(first) = join.qr_text() else {
        return out;
    };
    if let Some(rows) = crate::ui::join::qr_rows(first, 1) {
        for row in rows {
            if colour {
                let _ = writeln!(out, "\x1b[97;40m{row}\x1b[0m");
            } else {
                let _ = writeln!(out, "{row}");
            }
        }
        let _ = writeln!(out, "jx-dash: the QR code reads: {first}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bound_address_is_the_one_to_join() {
        let plain = join("192.0.2.7:2222".parse().unwrap(), "SHA256:abc", None, None);
        assert_eq!(plain.commands, ["ssh -p 2222 192.0.2.7"]);
        assert_eq!(plain.browser, None);
        let browser = Some("[2001:db8::1]:8080".parse().unwrap());
        let with_browser = join(
            "192.0.2.7:2222".parse().unwrap(),
            "SHA256:abc",
            browser,
            Some("k3y"),
        );
        assert_eq!(
            with_browser.browser.as_deref(),
            Some("http://[2001:db8::1]:8080/?token=k3y")
        );
        assert_eq!(command(IpAddr::from([10, 0, 0, 1]), 22), "ssh 10.0.0.1");
    }

    #[test]
    fn the_printed_card_has_the_other_addresses_and_the_code() {
        let join = Join {
            commands: vec!["ssh -p 2222 10.0.0.5".into(), "ssh -p 2222 fd00::5".into()],
            fingerprint: "SHA256:abc".into(),
            browser: None,
        };
        let plain = card(&join, false);
        assert!(
            plain.starts_with("jx-dash: or: ssh -p 2222 fd00::5\n"),
            "{plain}"
        );
        assert!(plain.ends_with("jx-dash: the QR code reads: ssh -p 2222 10.0.0.5\n"));
        assert!(plain.is_char_boundary(0) && !plain.contains('\x1b'));
        assert!(card(&join, true).contains("\x1b[97;40m"));
    }

    #[test]
    fn all_addresses_are_never_shown_as_0_0_0_0() {
        for listen in ["0.0.0.0:2222", "[::]:2222"] {
            let found = addresses(listen.parse().unwrap());
            assert!(!found.is_empty());
            assert!(found.iter().all(|a| !a.is_unspecified()), "{found:?}");
        }
    }
}
