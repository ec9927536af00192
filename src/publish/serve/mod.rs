//! `shownotes serve`: the show as `build` writes it, served over HTTP on
//! the local machine while `watch` rebuilds it, each open page reloading
//! after every rebuild.
//!
//! The server (axum on a single-threaded tokio runtime, on its own thread)
//! only reads the output directory: the rebuild loop writes it, exactly as
//! `watch` does. The reload script and the error overlay are added to HTML
//! responses as they are sent; the files on disk never contain them.

pub(crate) mod files;
pub(crate) mod live;

use crate::error::{Error, Outcome};
use crate::input::show_dir;
use crate::publish::serve::files::Resolved;
use crate::publish::serve::live::Live;
use crate::publish::watch::{self, Target};
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// `serve`'s flags.
pub(crate) struct Options<'a> {
    pub(crate) root: Option<&'a Path>,
    pub(crate) out: Option<&'a Path>,
    /// `0` picks a free port.
    pub(crate) port: u16,
    pub(crate) bind: IpAddr,
    /// Open the show in the default browser once built.
    pub(crate) open: bool,
}

/// The default port of `--port`.
pub(crate) const DEFAULT_PORT: u16 = 4000;

#[derive(Clone)]
struct App {
    /// The output directory, resolved.
    out: Arc<PathBuf>,
    live: Arc<Live>,
}

pub(crate) fn run(options: &Options<'_>) -> Result<Outcome, Error> {
    let target = Target::find(options.root, options.out)?;
    let listener = listen(SocketAddr::new(options.bind, options.port))?;
    let addr = listener.local_addr().map_err(|e| serve_error(options.bind, e))?;
    std::fs::create_dir_all(&target.out).map_err(|e| Error::io(&target.out, e))?;
    let out = std::fs::canonicalize(&target.out).map_err(|e| Error::io(&target.out, e))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| serve_error(options.bind, e))?;
    let live = Arc::new(Live::new());
    let app = router(App {
        out: Arc::new(out),
        live: Arc::clone(&live),
    });
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = std::thread::Builder::new()
        .name("serve".into())
        .spawn(move || serve(&runtime, listener, app, stopped))
        .map_err(|e| serve_error(options.bind, e))?;
    let url = format!("http://{addr}/");
    eprintln!(
        "serving {} at {url} (Ctrl-C to stop)",
        show_dir::display_path(&target.out, None)
    );
    let mut first = options.open;
    let outcome = watch::watch(&target, |update| {
        live.rebuilt(update);
        if std::mem::take(&mut first)
            && let Err(e) = open::that_detached(&url)
        {
            eprintln!("warning: cannot open a browser at {url}: {e}");
        }
    });
    let _ = stop.send(());
    let _ = server.join();
    outcome
}

/// Binds the address, with a clear message when it is taken.
fn listen(addr: SocketAddr) -> Result<std::net::TcpListener, Error> {
    let listener = std::net::TcpListener::bind(addr).map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => Error::Usage(format!(
            "{addr} is already in use (another `shownotes serve`?); pick another port with --port N, or --port 0 for a free one"
        )),
        _ => Error::Usage(format!("cannot listen on {addr}: {e}")),
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|e| serve_error(addr.ip(), e))?;
    Ok(listener)
}

fn serve_error(bind: IpAddr, e: std::io::Error) -> Error {
    Error::Usage(format!("cannot serve on {bind}: {e}"))
}

/// Runs the server until `stopped` fires; dropping the runtime then ends
/// the open connections (the event streams never end on their own).
fn serve(
    runtime: &tokio::runtime::Runtime,
    listener: std::net::TcpListener,
    app: Router,
    stopped: tokio::sync::oneshot::Receiver<()>,
) {
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::from_std(listener) {
            Ok(listener) => listener,
            Err(e) => {
                eprintln!("error: cannot serve: {e}");
                return;
            }
        };
        let server = std::pin::pin!(std::future::IntoFuture::into_future(axum::serve(listener, app)));
        if let futures_util::future::Either::Left((Err(e), _)) =
            futures_util::future::select(server, stopped).await
        {
            eprintln!("error: serving stopped: {e}");
        }
    });
}

fn router(app: App) -> Router {
    Router::new()
        .route(live::EVENTS, get(events))
        .fallback(get(page))
        .with_state(app)
}

/// The event stream: the current generation at once, then each new one.
async fn events(State(app): State<App>) -> impl IntoResponse {
    let receiver = app.live.subscribe();
    let stream = futures_util::stream::unfold((receiver, true), |(mut receiver, first)| async move {
        if !first && receiver.changed().await.is_err() {
            return None;
        }
        let generation = *receiver.borrow_and_update();
        let event = Event::default().event("generation").data(generation.to_string());
        Some((Ok::<_, std::convert::Infallible>(event), (receiver, false)))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// What a request path gets, read off the async runtime.
enum Reply {
    File { content_type: String, body: Vec<u8> },
    Redirect(String),
    NotFound,
}

async fn page(State(app): State<App>, uri: Uri) -> Response {
    let path = uri.path().to_owned();
    let out = Arc::clone(&app.out);
    let reply = tokio::task::spawn_blocking(move || read(&out, &path))
        .await
        .unwrap_or(Reply::NotFound);
    match reply {
        Reply::File { content_type, body } => {
            let body = if files::is_html(&content_type) {
                files::inject(&body, &app.live.snippet())
            } else {
                body
            };
            let mut response = body.into_response();
            let headers = response.headers_mut();
            if let Ok(value) = HeaderValue::from_str(&content_type) {
                headers.insert(header::CONTENT_TYPE, value);
            }
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Reply::Redirect(location) => Redirect::temporary(&location).into_response(),
        Reply::NotFound => not_found(&app.live, uri.path()),
    }
}

fn read(out: &Path, path: &str) -> Reply {
    match files::resolve(out, path) {
        Resolved::File(file) => match std::fs::read(&file) {
            Ok(body) => Reply::File {
                content_type: files::content_type(&file),
                body,
            },
            Err(_) => Reply::NotFound,
        },
        Resolved::Redirect(location) => Reply::Redirect(location),
        Resolved::NotFound => Reply::NotFound,
    }
}

/// The 404 page: what was asked for, a link to the series page, and the
/// reload script (a page that appears after a rebuild then shows).
fn not_found(live: &Live, path: &str) -> Response {
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>404 Not Found</title></head>\
<body><h1>404 Not Found</h1><p><code>{}</code> is not in the built show.</p><p><a href=\"/\">The series page</a></p>{}</body></html>\n",
        html_escape::encode_text(path),
        live.snippet()
    );
    let mut response = (StatusCode::NOT_FOUND, page).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
