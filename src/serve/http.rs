//! `serve --http ADDR`: a read-only browser view of what the room sees of the presenter. One
//! page, whose `<pre>` is the presenter's frame rendered by the HTML export (so CJK widths and
//! box drawing are ours, not a web terminal's), replaced on every presenter frame over
//! Server-Sent Events. There is no input path at all: the server answers three GETs.
//!
//! Limits, as on the SSH side: connections per address and in all are capped when accepted,
//! request headers must arrive within the timeout, a client whose socket takes no bytes for as
//! long is dropped, and the number of live views is capped. Each view reads
//! the latest frame from a watch channel, so a slow client skips frames and never slows the
//! others or the presenter.

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{broadcast, watch};
use tower::ServiceExt as _;

/// An SSE comment this often keeps proxies from closing a quiet view.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// `serve --http`'s settings.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    pub listen: SocketAddr,
    /// `--http-token`: every request must carry `?token=…`.
    pub token: Option<String>,
    /// Live browser views at once.
    pub max_clients: usize,
    /// Open connections from one address.
    pub per_address: usize,
    /// A request's headers must arrive within this time, and a client whose socket takes no
    /// bytes for this long is dropped.
    pub timeout: Duration,
}

/// One frame of the room's view, as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Frame {
    pub cols: u16,
    pub rows: u16,
    /// The inside of the page's `<pre>`.
    pub html: String,
}

/// What the browser side shares: the latest frame and the counts the limits need.
pub struct Http {
    config: HttpConfig,
    frames: watch::Sender<Option<Arc<Frame>>>,
    clients: AtomicUsize,
    connections: Mutex<HashMap<IpAddr, usize>>,
    total: AtomicUsize,
}

impl Http {
    pub fn new(config: HttpConfig) -> Self {
        Self {
            config,
            frames: watch::channel(None).0,
            clients: AtomicUsize::new(0),
            connections: Mutex::default(),
            total: AtomicUsize::new(0),
        }
    }

    /// A new frame of the room's view; an unchanged one wakes nobody.
    pub fn publish(&self, frame: Frame) {
        self.frames.send_if_modified(|current| {
            let changed = current.as_deref() != Some(&frame);
            if changed {
                *current = Some(Arc::new(frame));
            }
            changed
        });
    }

    /// Live browser views.
    pub fn clients(&self) -> usize {
        self.clients.load(Ordering::SeqCst)
    }
}

/// Serves browsers on `listener` until `shutdown`.
pub async fn run(listener: TcpListener, http: Arc<Http>, mut shutdown: broadcast::Receiver<()>) {
    let router = Router::new()
        .route("/", get(page))
        .route("/events", get(events))
        .route("/frame.html", get(frame_page))
        .fallback(|| async { (StatusCode::NOT_FOUND, "not found\n") })
        .with_state(http.clone());
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => {
                let Ok(accepted) = accepted else {
                    // Out of file descriptors and the like: wait, then go on.
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                };
                accepted
            }
            _ = shutdown.recv() => return,
        };
        let Some(slot) = Connection::admit(&http, peer.ip()) else {
            continue; // over a cap: closed at once
        };
        let router = router.clone();
        let timeout = http.config.timeout;
        tokio::spawn(async move {
            let _slot = slot;
            let service =
                hyper::service::service_fn(move |request| router.clone().oneshot(request));
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(timeout);
            let io = TokioIo::new(Deadline::new(stream, timeout));
            let _ = builder.serve_connection(io, service).await;
        });
    }
}

/// An admitted connection; dropping it gives its place back.
struct Connection {
    http: Arc<Http>,
    ip: IpAddr,
}

impl Connection {
    fn admit(http: &Arc<Http>, ip: IpAddr) -> Option<Self> {
        let cap = http.config.max_clients * 2 + 16;
        let mut by_address = http.connections.lock().ok()?;
        let mine = by_address.entry(ip).or_insert(0);
        if *mine >= http.config.per_address || http.total.load(Ordering::SeqCst) >= cap {
            return None;
        }
        *mine += 1;
        http.total.fetch_add(1, Ordering::SeqCst);
        Some(Self {
            http: http.clone(),
            ip,
        })
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.http.total.fetch_sub(1, Ordering::SeqCst);
        if let Ok(mut by_address) = self.http.connections.lock()
            && let Some(n) = by_address.get_mut(&self.ip)
        {
            *n -= 1;
            if *n == 0 {
                by_address.remove(&self.ip);
            }
        }
    }
}

#[derive(serde::Deserialize)]
struct Params {
    token: Option<String>,
}

/// Without the right token (when one is set), nothing.
fn refused(http: &Http, params: &Params) -> Option<Response> {
    let expected = http.config.token.as_deref()?;
    (params.token.as_deref() != Some(expected)).then(|| {
        (
            StatusCode::FORBIDDEN,
            "jx-dash: this view needs the address with its token (on the join screen)\n",
        )
            .into_response()
    })
}

/// The page: the current frame, replaced by each new one; it fits the window's width and
/// prints one screen to a page.
async fn page(State(http): State<Arc<Http>>, Query(params): Query<Params>) -> Response {
    if let Some(refusal) = refused(&http, &params) {
        return refusal;
    }
    let frame = http.frames.borrow().clone();
    Html(page_html(frame.as_deref())).into_response()
}

/// The current frame alone, without a script: for a browser without JavaScript, or to print.
async fn frame_page(State(http): State<Arc<Http>>, Query(params): Query<Params>) -> Response {
    if let Some(refusal) = refused(&http, &params) {
        return refusal;
    }
    let frame = http.frames.borrow().clone();
    let mut html = String::from("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str("<title>jx-dash</title>\n<style>\n");
    html.push_str(&crate::export::page_style());
    html.push_str("</style>\n</head>\n<body>\n<pre>");
    html.push_str(frame.as_deref().map_or(WAITING, |f| &f.html));
    html.push_str("</pre>\n</body>\n</html>\n");
    Html(html).into_response()
}

const WAITING: &str = "Waiting for the presenter… / 等待演讲者…\n";

/// A live view counted while it lasts.
struct Client(Arc<Http>);

impl Drop for Client {
    fn drop(&mut self) {
        self.0.clients.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Server-Sent Events: the current frame at once, then each new one (a slow client gets the
/// latest, never a queue).
async fn events(State(http): State<Arc<Http>>, Query(params): Query<Params>) -> Response {
    if let Some(refusal) = refused(&http, &params) {
        return refusal;
    }
    let admitted = http
        .clients
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
            (n < http.config.max_clients).then_some(n + 1)
        })
        .is_ok();
    if !admitted {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::RETRY_AFTER, "30")],
            "jx-dash: all browser views are taken\n",
        )
            .into_response();
    }
    let client = Client(http.clone());
    let mut frames = http.frames.subscribe();
    frames.mark_changed();
    let stream =
        futures_util::stream::unfold((frames, client), |(mut frames, client)| async move {
            loop {
                frames.changed().await.ok()?;
                let frame = frames.borrow_and_update().clone();
                if let Some(frame) = frame {
                    let data = serde_json::to_string(&*frame).ok()?;
                    let event = Event::default().event("frame").data(data);
                    return Some((Ok::<Event, Infallible>(event), (frames, client)));
                }
            }
        });
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
        .into_response()
}

/// The page around a frame: it opens the event stream with its own query (the token), sets
/// each frame, and sizes the font so the screen fills the window's width.
fn page_html(frame: Option<&Frame>) -> String {
    let (cols, body) = frame.map_or((80, WAITING), |f| (f.cols, f.html.as_str()));
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>jx-dash · live</title>
<style>
{style}html, body {{ height: 100%; }}
pre {{ overflow-x: hidden; }}
#state {{ position: fixed; right: 8px; bottom: 4px; margin: 0; font: 12px sans-serif; color: #888; }}
@media print {{
  @page {{ size: landscape; margin: 8mm; }}
  body, pre {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
  /* The screen across the page's width, a cell 0.602 em wide. */
  pre {{ font-size: calc((100vw - 20px) / (var(--cols, 100) * 0.602)) !important; line-height: 1.143 !important; }}
  #state {{ display: none; }}
}}
</style>
</head>
<body>
<pre id="screen" data-cols="{cols}">{body}</pre>
<p id="state">live, read-only</p>
<noscript><p>Without JavaScript this page does not update: reload it, or open <a href="frame.html">frame.html</a>.</p></noscript>
<script>
"use strict";
const screen = document.getElementById("screen");
const state = document.getElementById("state");
function fit() {{
  const cols = Number(screen.dataset.cols) || 80;
  screen.style.setProperty("--cols", cols);
  const size = Math.min(22, Math.max(4, (window.innerWidth - 16) / (cols * 0.602)));
  screen.style.fontSize = size + "px";
  screen.style.lineHeight = (size * 16 / 14) + "px";
}}
window.addEventListener("resize", fit);
fit();
const events = new EventSource("events" + location.search);
events.addEventListener("frame", (e) => {{
  const frame = JSON.parse(e.data);
  screen.dataset.cols = frame.cols;
  screen.innerHTML = frame.html;
  fit();
  state.textContent = "live, read-only";
}});
events.onerror = () => {{ state.textContent = "reconnecting…"; }};
</script>
</body>
</html>
"#,
        style = crate::export::page_style(),
    )
}

/// A socket whose writes must make progress: one that accepts no bytes for `limit` fails
/// with `TimedOut`, which ends its connection (a client that stopped reading).
struct Deadline {
    inner: TcpStream,
    limit: Duration,
    stalled: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl Deadline {
    fn new(inner: TcpStream, limit: Duration) -> Self {
        Self {
            inner,
            limit,
            stalled: None,
        }
    }

    /// A write that could not go on: it times out `limit` after the first such.
    fn pending<T>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        let limit = self.limit;
        let sleep = self
            .stalled
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
        match sleep.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::ErrorKind::TimedOut.into())),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl AsyncRead for Deadline {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for Deadline {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.inner).poll_write(cx, buf) {
            Poll::Pending => self.pending(cx),
            ready @ Poll::Ready(_) => {
                self.stalled = None;
                ready
            }
        }
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match Pin::new(&mut self.inner).poll_flush(cx) {
            Poll::Pending => self.pending(cx),
            ready @ Poll::Ready(_) => {
                self.stalled = None;
                ready
            }
        }
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.inner).poll_write_vectored(cx, bufs) {
            Poll::Pending => self.pending(cx),
            ready @ Poll::Ready(_) => {
                self.stalled = None;
                ready
            }
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}
