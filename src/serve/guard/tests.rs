use super::*;

fn guard(per_source: usize, startups: &str, penalties: &str) -> Guard {
    Guard::new(GuardConfig {
        startups: startups.parse().unwrap(),
        per_source,
        penalties: penalties.parse().unwrap(),
        exempt: vec!["10.9.0.0/16".parse().unwrap()],
    })
}

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

#[test]
fn one_source_is_capped_without_touching_another() {
    let g = guard(3, "10:30:100", "");
    let now = Instant::now();
    for _ in 0..3 {
        g.admit(ip("10.0.0.1"), now, 99).unwrap();
    }
    assert_eq!(g.admit(ip("10.0.0.1"), now, 99), Err(Refusal::PerSource(3)));
    g.admit(ip("10.0.0.2"), now, 0).unwrap();
    g.release(ip("10.0.0.1"));
    g.admit(ip("10.0.0.1"), now, 99).unwrap();
}

#[test]
fn random_early_drop_rises_from_rate_to_full_for_busy_sources() {
    let g = guard(100, "2:50:5", "");
    let now = Instant::now();
    let busy = ip("10.0.0.1");
    g.admit(busy, now, 0).unwrap();
    g.admit(busy, now, 0).unwrap();
    // 2 in progress: 50 % chance.
    assert_eq!(g.admit(busy, now, 49), Err(Refusal::Startups(2)));
    g.admit(busy, now, 50).unwrap();
    // 3 in progress: 66 %.
    assert_eq!(g.admit(busy, now, 65), Err(Refusal::Startups(3)));
    // A source with no login in progress is not dropped at random...
    g.admit(ip("10.0.0.2"), now, 0).unwrap();
    g.admit(ip("10.0.0.3"), now, 0).unwrap();
    // ...but is once the startups are full.
    assert_eq!(g.admit(ip("10.0.0.4"), now, 99), Err(Refusal::Startups(5)));
}

#[test]
fn penalties_add_up_block_once_and_double() {
    let g = guard(10, "10:30:100", "authfail:5,min:15,max:100");
    let t0 = Instant::now();
    let bad = ip("10.0.0.1");
    assert_eq!(g.penalize(bad, Misdeed::AuthFailed, t0), None);
    assert_eq!(g.penalize(bad, Misdeed::AuthFailed, t0), None);
    let first = g.penalize(bad, Misdeed::AuthFailed, t0).unwrap();
    assert_eq!(first.duration, Duration::from_secs(15));
    assert!(matches!(g.admit(bad, t0, 99), Err(Refusal::Penalized(_))));
    assert_eq!(g.admit(ip("10.0.0.2"), t0, 99), Ok(()), "others unaffected");
    // Already blocked: no second block (logged once).
    assert_eq!(g.penalize(bad, Misdeed::AuthFailed, t0), None);
    let t1 = t0 + Duration::from_secs(16);
    assert_eq!(g.admit(bad, t1, 99), Ok(()), "the block ran out");
    for _ in 0..2 {
        assert_eq!(g.penalize(bad, Misdeed::AuthFailed, t1), None);
    }
    let second = g.penalize(bad, Misdeed::AuthFailed, t1).unwrap();
    assert_eq!(second.duration, Duration::from_secs(30), "doubles");
    assert_eq!(second.strikes, 2);
}

#[test]
fn penalty_time_runs_out_and_exempt_networks_collect_none() {
    let g = guard(10, "10:30:100", "noauth:1,min:3");
    let t0 = Instant::now();
    let a = ip("10.0.0.1");
    g.penalize(a, Misdeed::NoAuth, t0);
    g.penalize(a, Misdeed::NoAuth, t0);
    // Two seconds later the first two have run out.
    assert_eq!(
        g.penalize(a, Misdeed::NoAuth, t0 + Duration::from_secs(2)),
        None
    );
    for _ in 0..10 {
        assert_eq!(g.penalize(ip("10.9.3.4"), Misdeed::GraceExceeded, t0), None);
    }
    assert_eq!(g.admit(ip("10.9.3.4"), t0, 99), Ok(()));
}

#[test]
fn ipv6_sources_are_slash_64s() {
    let g = guard(1, "10:30:100", "");
    let now = Instant::now();
    g.admit(ip("2001:db8::1"), now, 99).unwrap();
    assert!(g.admit(ip("2001:db8::ffff:2"), now, 99).is_err());
    g.admit(ip("2001:db8:0:1::1"), now, 99).unwrap();
}

#[test]
fn options_parse() {
    assert_eq!("10:30:100".parse::<Startups>(), Ok(Startups::default()));
    assert!("5:30:4".parse::<Startups>().is_err());
    assert!("1:101:4".parse::<Startups>().is_err());
    let p: Penalties = "authfail:2,grace:1.5s".parse().unwrap();
    assert_eq!(p.authfail, Duration::from_secs(2));
    assert_eq!(p.grace, Duration::from_millis(1500));
    assert!("nope:1".parse::<Penalties>().is_err());
    let net: Net = "127.0.0.0/8".parse().unwrap();
    assert!(net.contains(ip("127.1.2.3")) && !net.contains(ip("128.0.0.1")));
    assert!(net.contains(ip("::ffff:127.0.0.1")));
    let host: Net = "::1".parse().unwrap();
    assert!(host.contains(ip("::1")) && !host.contains(ip("::2")));
    assert!("10.0.0.0/33".parse::<Net>().is_err());
    let all: Net = "0.0.0.0/0".parse().unwrap();
    assert!(all.contains(ip("8.8.8.8")));
}
