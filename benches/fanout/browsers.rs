//! Browser views of `serve --follow --http`: N clients read the Server-Sent Events stream as
//! the page does (hyper's HTTP/1 client, no browser), the presenter presses Tab over SSH; how
//! long until every client has the new frame, what the server spends per key, and its memory
//! per client.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use tokio::sync::Semaphore;

use super::{KEYS, Round, Server, ms, percentile, press_keys, viewer};

const FRAME: &[u8] = b"event: frame";

/// Counts the frame events in `data`, `carry` holding the end of the chunk before.
fn frames_in(carry: &mut Vec<u8>, data: &[u8]) -> usize {
    carry.extend_from_slice(data);
    let count = carry.windows(FRAME.len()).filter(|w| *w == FRAME).count();
    let keep = carry.len().saturating_sub(FRAME.len() - 1);
    carry.drain(..keep);
    count
}

/// One browser view: opens the event stream, waits for the first frame, then reports frames.
async fn client(url: &str, round: Arc<Round>, epoch: Instant) {
    let uri: hyper::Uri = url.parse().unwrap();
    let authority = uri.authority().unwrap().clone();
    let stream = tokio::net::TcpStream::connect(authority.as_str())
        .await
        .unwrap();
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .unwrap();
    tokio::spawn(connection);
    let path = match uri.query() {
        Some(q) => format!("/events?{q}"),
        None => "/events".into(),
    };
    let request = hyper::Request::get(path)
        .header(hyper::header::HOST, authority.as_str())
        .body(Empty::<Bytes>::new())
        .unwrap();
    let response = sender.send_request(request).await.unwrap();
    assert_eq!(response.status(), 200, "a browser view was refused");
    let mut body = response.into_body();
    let mut carry = Vec::new();
    // The current frame comes first.
    while let Some(Ok(frame)) = body.frame().await {
        if frame
            .data_ref()
            .is_some_and(|d| frames_in(&mut carry, d) > 0)
        {
            break;
        }
    }
    tokio::spawn(async move {
        let mut seen = 0;
        while let Some(Ok(frame)) = body.frame().await {
            let Some(data) = frame.data_ref() else {
                continue;
            };
            round.bytes.fetch_add(data.len() as u64, Ordering::Relaxed);
            let key = round.key.load(Ordering::SeqCst);
            if frames_in(&mut carry, data) > 0 && key > seen {
                seen = key;
                let now = u64::try_from(epoch.elapsed().as_nanos()).unwrap();
                round.last.fetch_max(now, Ordering::SeqCst);
                round.done.fetch_add(1, Ordering::SeqCst);
                round.all_done.notify_one();
            }
        }
    });
}

async fn measure(n: usize) {
    let clients = n.to_string();
    let args = [
        "--follow",
        "--http",
        "127.0.0.1:0",
        "--http-max-clients",
        &clients,
        "--http-per-address",
        "1000",
        "--idle-timeout",
        "3600",
    ];
    let server = Server::start(&args, None);
    let url = server
        .browser
        .clone()
        .expect("the server names its browser view");
    let epoch = Instant::now();
    let (_presenter, keys) = viewer(server.addr, None, epoch).await;
    keys.data_bytes(&b"J"[..]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let rss_before = server.rss_kib();
    let round = Arc::new(Round::default());
    let gate = Arc::new(Semaphore::new(32));
    let connecting = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..n {
        let (gate, round, url) = (gate.clone(), round.clone(), url.clone());
        tasks.push(tokio::spawn(async move {
            let _permit = gate.acquire_owned().await.unwrap();
            client(&url, round, epoch).await;
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let connect_time = connecting.elapsed();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let rss_after = server.rss_kib();

    let cpu_before = server.cpu();
    let (mut all, bytes) = press_keys(&keys, &round, n, epoch, "browser views").await;
    let cpu = server.cpu().saturating_sub(cpu_before);
    all.sort();
    println!(
        "| {n} | {} | {} | {} | {} KB | {} | {:.1} s |",
        ms(percentile(&all, 0.5)),
        ms(percentile(&all, 0.99)),
        bytes / (n as u64 * KEYS as u64),
        (rss_after.saturating_sub(rss_before)) / n as u64,
        ms(cpu / KEYS as u32),
        connect_time.as_secs_f64(),
    );
}

pub fn run(ns: &[usize]) {
    println!(
        "{KEYS} Tab keys from the presenter (SSH, 80x24); N browser views reading the event stream\n"
    );
    println!(
        "| browser views | p50 until all have the frame | p99 | bytes per view per key | server RSS per view | server CPU per key | connecting all |"
    );
    println!("|---|---|---|---|---|---|---|");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    for &n in ns {
        runtime.block_on(measure(n));
    }
}
